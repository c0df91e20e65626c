package dev.scenes.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves parameters between a DJL block built by {@link DjlBlocks} and {@link ModelWeights}: {@link
 * #extract} after training, before export; {@link #load} to put weights (e.g. perturbed batch-norm
 * statistics in tests) back into a block.
 */
public final class DjlWeights {

    private static final List<String> CONV_DENSE = List.of(ModelWeights.WEIGHT, ModelWeights.BIAS);
    private static final List<String> BATCH_NORM =
            List.of(
                    ModelWeights.GAMMA,
                    ModelWeights.BETA,
                    ModelWeights.RUNNING_MEAN,
                    ModelWeights.RUNNING_VAR);

    private DjlWeights() {}

    /**
     * Copies every parameter of {@code block} (built by {@link DjlBlocks#build} for {@code arch}
     * and initialised) into a {@link ModelWeights}.
     *
     * @throws IllegalArgumentException if the block's structure does not match {@code arch}
     */
    public static ModelWeights extract(Architecture arch, Block block) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit(
                arch.name(),
                arch.layers(),
                block,
                "",
                (path, layerBlock, names) -> {
                    ParameterList params = layerBlock.getParameters();
                    for (String name : names) {
                        Parameter p = params.get(name);
                        if (p == null) {
                            continue; // a convolution without bias
                        }
                        if (!p.isInitialized()) {
                            throw new IllegalStateException(
                                    "parameter "
                                            + ModelWeights.key(path, name)
                                            + " of "
                                            + arch.name()
                                            + " is not initialised; initialise or train the block"
                                            + " before extracting its weights");
                        }
                        NDArray a = p.getArray();
                        out.put(
                                ModelWeights.key(path, name),
                                new Tensor(a.getShape().getShape(), a.toFloatArray()));
                    }
                });
        return new ModelWeights(arch.name(), out);
    }

    /**
     * Overwrites the parameters of {@code block} with {@code weights}.
     *
     * @throws IllegalArgumentException if a tensor's shape differs from the parameter's
     */
    public static void load(Architecture arch, Block block, ModelWeights weights) {
        visit(
                arch.name(),
                arch.layers(),
                block,
                "",
                (path, layerBlock, names) -> {
                    ParameterList params = layerBlock.getParameters();
                    for (String name : names) {
                        Parameter p = params.get(name);
                        if (p == null) {
                            continue;
                        }
                        Tensor t = weights.get(path, name);
                        NDArray a = p.getArray();
                        long[] shape = a.getShape().getShape();
                        if (!java.util.Arrays.equals(shape, t.shape())) {
                            throw new IllegalArgumentException(
                                    "weights "
                                            + ModelWeights.key(path, name)
                                            + " have shape "
                                            + java.util.Arrays.toString(t.shape())
                                            + "; the block expects "
                                            + java.util.Arrays.toString(shape));
                        }
                        a.set(t.values());
                    }
                });
    }

    @FunctionalInterface
    private interface ParameterVisitor {
        void visit(String path, Block layerBlock, List<String> parameterNames);
    }

    private static void visit(
            String arch, List<Layer> layers, Block block, String prefix, ParameterVisitor v) {
        List<Block> children = block.getChildren().values();
        if (children.size() != layers.size()) {
            throw new IllegalArgumentException(
                    "block "
                            + (prefix.isEmpty() ? "root" : prefix)
                            + " has "
                            + children.size()
                            + " children but architecture "
                            + arch
                            + " has "
                            + layers.size()
                            + " layers there; build the block with DjlBlocks.build for the same"
                            + " architecture");
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Block b = children.get(i);
            String path = LayerPath.child(prefix, i);
            if (l instanceof Layer.Conv2d || l instanceof Layer.Dense) {
                v.visit(path, b, CONV_DENSE);
            } else if (l instanceof Layer.BatchNorm2d) {
                v.visit(path, b, BATCH_NORM);
            } else if (l instanceof Layer.Residual r) {
                List<Block> branches = b.getChildren().values();
                visit(arch, r.body(), branches.get(0), path + ".body", v);
                if (!r.shortcut().isEmpty()) {
                    visit(arch, r.shortcut(), branches.get(1), path + ".shortcut", v);
                }
            }
        }
    }
}
