package dev.scenes.trainer.testing;

import dev.scenes.trainer.model.Architecture;
import dev.scenes.trainer.model.FeatureShape;
import dev.scenes.trainer.model.Layer;
import dev.scenes.trainer.model.LayerPath;
import dev.scenes.trainer.model.ModelWeights;
import dev.scenes.trainer.model.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random weights for an architecture without DJL: He-normal convolution and dense weights, small
 * biases, and batch norms with non-trivial gamma, beta and running statistics so folding is really
 * exercised.
 */
public final class TestWeights {

    private TestWeights() {}

    /** Seeded random weights for {@code arch}. */
    public static ModelWeights random(Architecture arch, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        fill(arch.layers(), arch.inputShape(), "", r, out);
        return new ModelWeights(arch.name(), out);
    }

    /** Replaces every batch norm's parameters in {@code w} with non-trivial random values. */
    public static ModelWeights perturbBatchNorms(Architecture arch, ModelWeights w, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>(w.asMap());
        LayerPath.walk(
                arch.layers(),
                (path, layer) -> {
                    if (layer instanceof Layer.BatchNorm2d) {
                        putBatchNorm(path, w.get(path, ModelWeights.GAMMA).dim(0), r, out);
                    }
                });
        return new ModelWeights(arch.name(), out);
    }

    private static void fill(
            List<Layer> layers, FeatureShape in, String prefix, Random r, Map<String, Tensor> out) {
        FeatureShape shape = in;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String path = LayerPath.child(prefix, i);
            int c = shape.channels();
            if (l instanceof Layer.Conv2d conv) {
                int perGroup = c / conv.groups();
                int fanIn = perGroup * conv.kernelH() * conv.kernelW();
                out.put(
                        ModelWeights.key(path, ModelWeights.WEIGHT),
                        normal(
                                r,
                                Math.sqrt(2.0 / fanIn),
                                conv.filters(),
                                perGroup,
                                conv.kernelH(),
                                conv.kernelW()));
                if (conv.bias()) {
                    out.put(
                            ModelWeights.key(path, ModelWeights.BIAS),
                            uniform(r, conv.filters(), -0.1, 0.1));
                }
            } else if (l instanceof Layer.BatchNorm2d) {
                putBatchNorm(path, c, r, out);
            } else if (l instanceof Layer.Dense d) {
                out.put(
                        ModelWeights.key(path, ModelWeights.WEIGHT),
                        normal(r, Math.sqrt(2.0 / c), d.units(), c));
                if (d.bias()) {
                    out.put(
                            ModelWeights.key(path, ModelWeights.BIAS),
                            uniform(r, d.units(), -0.1, 0.1));
                }
            } else if (l instanceof Layer.Residual res) {
                fill(res.body(), shape, path + ".body", r, out);
                fill(res.shortcut(), shape, path + ".shortcut", r, out);
            }
            shape = l.apply(shape);
        }
    }

    private static void putBatchNorm(String path, int c, Random r, Map<String, Tensor> out) {
        out.put(ModelWeights.key(path, ModelWeights.GAMMA), uniform(r, c, 0.5, 1.5));
        out.put(ModelWeights.key(path, ModelWeights.BETA), uniform(r, c, -0.3, 0.3));
        out.put(ModelWeights.key(path, ModelWeights.RUNNING_MEAN), uniform(r, c, -0.3, 0.3));
        out.put(ModelWeights.key(path, ModelWeights.RUNNING_VAR), uniform(r, c, 0.5, 2.0));
    }

    private static Tensor normal(Random r, double std, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * std);
        }
        return new Tensor(shape, v);
    }

    private static Tensor uniform(Random r, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return new Tensor(new long[] {n}, v);
    }
}
