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
 * Seeded weights for an architecture without DJL, in two flavours: {@link #random} (He-normal
 * convolution and dense weights, small biases, and batch norms with non-trivial gamma, beta and
 * running statistics so folding is really exercised), for the trainer's tests; and {@link
 * #pytorchDefault} (PyTorch's default initialisation with fresh batch norms), for the benchmarks,
 * whose speed does not depend on trained values. Published in the trainer's test jar, which the
 * benchmarks module uses.
 */
public final class TestWeights {

    private TestWeights() {}

    /** How each kind of parameter is drawn, given the layer's fan-in. */
    private interface Init {
        Tensor weight(Random r, int fanIn, long... shape);

        Tensor bias(Random r, int fanIn, int n);

        void batchNorm(String path, int channels, Random r, Map<String, Tensor> out);
    }

    private static final Init HE_NORMAL =
            new Init() {
                @Override
                public Tensor weight(Random r, int fanIn, long... shape) {
                    return normal(r, Math.sqrt(2.0 / fanIn), shape);
                }

                @Override
                public Tensor bias(Random r, int fanIn, int n) {
                    return uniform(r, n, -0.1, 0.1);
                }

                @Override
                public void batchNorm(String path, int c, Random r, Map<String, Tensor> out) {
                    putBatchNorm(path, c, r, out);
                }
            };

    private static final Init PYTORCH_DEFAULT =
            new Init() {
                @Override
                public Tensor weight(Random r, int fanIn, long... shape) {
                    return symmetric(r, 1 / Math.sqrt(fanIn), shape);
                }

                @Override
                public Tensor bias(Random r, int fanIn, int n) {
                    return symmetric(r, 1 / Math.sqrt(fanIn), n);
                }

                @Override
                public void batchNorm(String path, int c, Random r, Map<String, Tensor> out) {
                    out.put(ModelWeights.key(path, ModelWeights.GAMMA), constant(c, 1));
                    out.put(ModelWeights.key(path, ModelWeights.BETA), constant(c, 0));
                    out.put(ModelWeights.key(path, ModelWeights.RUNNING_MEAN), constant(c, 0));
                    out.put(ModelWeights.key(path, ModelWeights.RUNNING_VAR), constant(c, 1));
                }
            };

    /** Seeded random weights for {@code arch}. */
    public static ModelWeights random(Architecture arch, long seed) {
        return build(arch, seed, HE_NORMAL);
    }

    /**
     * Seeded PyTorch-default weights: {@code nn.Conv2d} and {@code nn.Linear} weights and biases
     * uniform in {@code +-1/sqrt(fan_in)}, batch norms fresh (gamma 1, beta 0, running mean 0,
     * variance 1).
     */
    public static ModelWeights pytorchDefault(Architecture arch, long seed) {
        return build(arch, seed, PYTORCH_DEFAULT);
    }

    private static ModelWeights build(Architecture arch, long seed, Init init) {
        Random r = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        fill(arch.layers(), arch.inputShape(), "", r, init, out);
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
            List<Layer> layers,
            FeatureShape in,
            String prefix,
            Random r,
            Init init,
            Map<String, Tensor> out) {
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
                        init.weight(
                                r,
                                fanIn,
                                conv.filters(),
                                perGroup,
                                conv.kernelH(),
                                conv.kernelW()));
                if (conv.bias()) {
                    out.put(
                            ModelWeights.key(path, ModelWeights.BIAS),
                            init.bias(r, fanIn, conv.filters()));
                }
            } else if (l instanceof Layer.BatchNorm2d) {
                init.batchNorm(path, c, r, out);
            } else if (l instanceof Layer.Dense d) {
                out.put(
                        ModelWeights.key(path, ModelWeights.WEIGHT),
                        init.weight(r, c, d.units(), c));
                if (d.bias()) {
                    out.put(ModelWeights.key(path, ModelWeights.BIAS), init.bias(r, c, d.units()));
                }
            } else if (l instanceof Layer.Residual res) {
                fill(res.body(), shape, path + ".body", r, init, out);
                fill(res.shortcut(), shape, path + ".shortcut", r, init, out);
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

    /** Uniform in {@code +-bound}. */
    private static Tensor symmetric(Random r, double bound, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
        return new Tensor(shape, v);
    }

    private static Tensor constant(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return new Tensor(new long[] {n}, v);
    }

    private static Tensor uniform(Random r, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return new Tensor(new long[] {n}, v);
    }
}
