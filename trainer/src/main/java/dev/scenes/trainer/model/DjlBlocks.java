package dev.scenes.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;

/**
 * Builds the DJL training block of an {@link Architecture}: one child per layer, in order, so
 * {@link DjlWeights} can map parameters back to {@link LayerPath}s.
 *
 * <p>The block takes {@code [batch, 1, mels, frames]} and, with {@link Head#LOGITS} (for training
 * with {@code SoftmaxCrossEntropyLoss}, whose {@code fromLogit} default expects logits), returns
 * {@code [batch, classes]} logits; with {@link Head#PROBABILITIES} it applies the final softmax as
 * the exported model does. Weights use He (Kaiming) normal initialisation, which suits ReLU
 * networks, except the DCASE 2021 baseline's (see {@link #weightInitializer}); biases start at 0,
 * batch norms at gamma 1, beta 0.
 */
public final class DjlBlocks {

    /** What the block's last layer emits. */
    public enum Head {
        /** Raw scores: the final {@link Layer.Softmax} becomes the identity. */
        LOGITS,
        /** Softmax probabilities, as the exported ONNX model. */
        PROBABILITIES
    }

    private DjlBlocks() {}

    /** The block of {@code arch}, parameters not yet initialised (see {@link #initialize}). */
    public static SequentialBlock build(Architecture arch, Head head) {
        SequentialBlock net = sequence(arch.layers(), head);
        net.setInitializer(weightInitializer(arch), Parameter.Type.WEIGHT);
        return net;
    }

    /**
     * The initialiser of {@code arch}'s weights. The DCASE 2021 baseline gets PyTorch's default for
     * {@code nn.Conv2d} and {@code nn.Linear}, uniform in {@code +-1/sqrt(fan_in)}, as in the
     * PyTorch reference run: with He normal its dense head turned the max-pooled (all positive,
     * about 3) features into logits with a standard deviation of about 6, so training started at a
     * loss of about 7 instead of ln(10) = 2.3 and the run spent its learning rate undoing that. The
     * other architectures (no dense layers; every convolution followed by a batch norm) keep He
     * normal.
     */
    static Initializer weightInitializer(Architecture arch) {
        if (Architectures.DCASE2021_BASELINE.equals(arch.name())) {
            return new XavierInitializer(
                    XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f);
        }
        return new XavierInitializer(
                XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2f);
    }

    /** Initialises {@code block}'s parameters for {@code arch}'s input shape with batch 1. */
    public static void initialize(Block block, NDManager manager, Architecture arch) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, arch.mels(), arch.frames()));
    }

    private static SequentialBlock sequence(List<Layer> layers, Head head) {
        SequentialBlock seq = new SequentialBlock();
        for (Layer l : layers) {
            seq.add(block(l, head));
        }
        return seq;
    }

    private static Block block(Layer layer, Head head) {
        if (layer instanceof Layer.BandNorm n) {
            return bandNorm(n);
        } else if (layer instanceof Layer.Conv2d c) {
            return Conv2d.builder()
                    .setFilters(c.filters())
                    .setKernelShape(new Shape(c.kernelH(), c.kernelW()))
                    .optStride(new Shape(c.strideH(), c.strideW()))
                    .optPadding(new Shape(c.padH(), c.padW()))
                    .optGroups(c.groups())
                    .optBias(c.bias())
                    .build();
        } else if (layer instanceof Layer.BatchNorm2d b) {
            return BatchNorm.builder()
                    .optAxis(1)
                    .optEpsilon(b.epsilon())
                    .optMomentum(b.momentum())
                    .build();
        } else if (layer instanceof Layer.Relu) {
            return Activation.reluBlock();
        } else if (layer instanceof Layer.MaxPool2d p) {
            return Pool.maxPool2dBlock(
                    new Shape(p.kernelH(), p.kernelW()),
                    new Shape(p.strideH(), p.strideW()),
                    new Shape(0, 0));
        } else if (layer instanceof Layer.AvgPool2d p) {
            return Pool.avgPool2dBlock(
                    new Shape(p.kernelH(), p.kernelW()),
                    new Shape(p.strideH(), p.strideW()),
                    new Shape(0, 0),
                    false,
                    false);
        } else if (layer instanceof Layer.GlobalAvgPool) {
            // The PyTorch engine reduces one axis per mean(); pooling then reshaping is exact.
            return LambdaBlock.singleton(
                    x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1)),
                    "global_avg_pool");
        } else if (layer instanceof Layer.Dropout d) {
            return Dropout.builder().optRate(d.rate()).build();
        } else if (layer instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        } else if (layer instanceof Layer.Dense d) {
            return Linear.builder().setUnits(d.units()).optBias(d.bias()).build();
        } else if (layer instanceof Layer.Residual r) {
            Block shortcut =
                    r.shortcut().isEmpty() ? Blocks.identityBlock() : sequence(r.shortcut(), head);
            return new ParallelBlock(
                    outs ->
                            new NDList(
                                    outs.get(0)
                                            .singletonOrThrow()
                                            .add(outs.get(1).singletonOrThrow())),
                    List.of(sequence(r.body(), head), shortcut));
        } else if (layer instanceof Layer.Softmax) {
            return head == Head.PROBABILITIES
                    ? LambdaBlock.singleton(x -> x.softmax(1), "softmax")
                    : LambdaBlock.singleton(x -> x, "logits");
        }
        throw new IllegalStateException("no DJL block for " + layer);
    }

    private static Block bandNorm(Layer.BandNorm n) {
        float[] mean = n.mean();
        float[] std = n.std();
        float floor = n.floor();
        boolean clamped = n.clamped();
        Shape shape = new Shape(1, 1, mean.length, 1);
        // Constants are created per call on the input's manager, so they are freed with the batch
        // and never become trainable parameters.
        return LambdaBlock.singleton(
                x -> {
                    NDManager m = x.getManager();
                    NDArray mu = m.create(mean, shape);
                    NDArray sigma = m.create(std, shape);
                    NDArray y = x.sub(mu).div(sigma);
                    return clamped ? y.maximum(floor) : y;
                },
                "band_norm");
    }
}
