package dev.scenes.trainer.export;

import dev.scenes.trainer.model.Architecture;
import dev.scenes.trainer.model.Layer;
import dev.scenes.trainer.model.LayerPath;
import dev.scenes.trainer.model.ModelWeights;
import dev.scenes.trainer.model.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds each batch norm into the convolution before it and fuses ReLUs into their producers,
 * turning an {@link Architecture} plus trained {@link ModelWeights} into a {@link FoldedNetwork}.
 *
 * <p>In inference mode {@code BN(conv(x)) = k * (W x + b - mean) + beta} with {@code k = gamma /
 * sqrt(var + eps)} per output channel, which is a convolution with weights {@code k W} and bias
 * {@code k (b - mean) + beta}. Folding is done in double precision. A batch norm that does not
 * directly follow a convolution is rejected: none of the architectures need one, and an unfolded
 * batch norm would leave float arithmetic between quantized operations.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {}

    /**
     * A convolution's weights and bias after folding a batch norm into it.
     *
     * @param weight the scaled weights, same shape as the convolution's
     * @param bias the folded bias, one per filter
     */
    public record FoldedConv(Tensor weight, float[] bias) {}

    /**
     * The inference network of {@code arch} with {@code weights}.
     *
     * @throws IllegalArgumentException if a batch norm does not follow a convolution, or weights
     *     are missing
     */
    public static FoldedNetwork fold(Architecture arch, ModelWeights weights) {
        return new FoldedNetwork(arch, foldLayers(arch.layers(), "", weights));
    }

    /**
     * Folds batch norm ({@code gamma, beta, mean, var, eps}) into a convolution ({@code weight},
     * {@code bias} or null for none) whose output channels are the weight's first dimension.
     */
    public static FoldedConv foldConv(
            Tensor weight,
            float[] bias,
            float[] gamma,
            float[] beta,
            float[] mean,
            float[] var,
            float eps) {
        int filters = weight.dim(0);
        int perFilter = weight.size() / filters;
        float[] w = new float[weight.size()];
        float[] b = new float[filters];
        for (int c = 0; c < filters; c++) {
            double k = gamma[c] / Math.sqrt((double) var[c] + eps);
            for (int i = 0; i < perFilter; i++) {
                w[c * perFilter + i] = (float) (weight.get(c * perFilter + i) * k);
            }
            double b0 = bias == null ? 0 : bias[c];
            b[c] = (float) ((b0 - mean[c]) * k + beta[c]);
        }
        return new FoldedConv(new Tensor(weight.shape(), w), b);
    }

    private static List<Op> foldLayers(List<Layer> layers, String prefix, ModelWeights weights) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        while (i < layers.size()) {
            Layer l = layers.get(i);
            String id = LayerPath.child(prefix, i);
            i++;
            if (l instanceof Layer.BandNorm n) {
                ops.add(new Op.Normalize(id, n.mean(), n.std(), n.floor()));
            } else if (l instanceof Layer.Conv2d c) {
                Tensor w = weights.get(id, ModelWeights.WEIGHT);
                float[] bias = c.bias() ? weights.get(id, ModelWeights.BIAS).values() : null;
                if (i < layers.size() && layers.get(i) instanceof Layer.BatchNorm2d bn) {
                    String bnId = LayerPath.child(prefix, i);
                    FoldedConv f =
                            foldConv(
                                    w,
                                    bias,
                                    weights.get(bnId, ModelWeights.GAMMA).values(),
                                    weights.get(bnId, ModelWeights.BETA).values(),
                                    weights.get(bnId, ModelWeights.RUNNING_MEAN).values(),
                                    weights.get(bnId, ModelWeights.RUNNING_VAR).values(),
                                    bn.epsilon());
                    w = f.weight();
                    bias = f.bias();
                    i++;
                }
                boolean relu = i < layers.size() && layers.get(i) instanceof Layer.Relu;
                if (relu) {
                    i++;
                }
                ops.add(
                        new Op.Conv(
                                id,
                                w,
                                bias == null ? new float[c.filters()] : bias,
                                c.strideH(),
                                c.strideW(),
                                c.padH(),
                                c.padW(),
                                c.groups(),
                                relu));
            } else if (l instanceof Layer.Dense d) {
                Tensor w = weights.get(id, ModelWeights.WEIGHT);
                float[] bias =
                        d.bias()
                                ? weights.get(id, ModelWeights.BIAS).values()
                                : new float[d.units()];
                boolean relu = i < layers.size() && layers.get(i) instanceof Layer.Relu;
                if (relu) {
                    i++;
                }
                ops.add(new Op.Dense(id, w, bias, relu));
            } else if (l instanceof Layer.BatchNorm2d) {
                throw new IllegalArgumentException(
                        "batch norm at layer "
                                + id
                                + " does not follow a convolution, so it cannot be folded; put it"
                                + " directly after a Conv2d");
            } else if (l instanceof Layer.Residual r) {
                List<Op> body = foldLayers(r.body(), id + ".body", weights);
                List<Op> shortcut = foldLayers(r.shortcut(), id + ".shortcut", weights);
                boolean relu = i < layers.size() && layers.get(i) instanceof Layer.Relu;
                if (relu) {
                    i++;
                }
                ops.add(new Op.Add(id, body, shortcut, relu));
            } else if (l instanceof Layer.Relu) {
                ops.add(new Op.Relu(id));
            } else if (l instanceof Layer.MaxPool2d p) {
                ops.add(new Op.MaxPool(id, p.kernelH(), p.kernelW(), p.strideH(), p.strideW()));
            } else if (l instanceof Layer.AvgPool2d p) {
                ops.add(new Op.AvgPool(id, p.kernelH(), p.kernelW(), p.strideH(), p.strideW()));
            } else if (l instanceof Layer.GlobalAvgPool) {
                ops.add(new Op.GlobalAvgPool(id));
            } else if (l instanceof Layer.Flatten) {
                ops.add(new Op.Flatten(id));
            } else if (l instanceof Layer.Softmax) {
                ops.add(new Op.Softmax(id));
            } else if (!(l instanceof Layer.Dropout)) {
                throw new IllegalStateException("no folding rule for " + l);
            }
        }
        return ops;
    }
}
