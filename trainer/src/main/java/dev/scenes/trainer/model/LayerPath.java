package dev.scenes.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Stable names of layers inside an architecture: {@code "3"} for the fourth top-level layer, {@code
 * "5.body.2"} and {@code "5.shortcut.0"} inside a residual block. Parameters are keyed by these
 * paths in {@link ModelWeights}, and ONNX tensors are named after them.
 */
public final class LayerPath {

    private LayerPath() {}

    /** Calls {@code visitor} with each layer and its path, depth first in execution order. */
    public static void walk(List<Layer> layers, BiConsumer<String, Layer> visitor) {
        walk(layers, "", visitor);
    }

    /** Every path in execution order, residual blocks before their children. */
    public static List<String> all(List<Layer> layers) {
        List<String> paths = new ArrayList<>();
        walk(layers, (p, l) -> paths.add(p));
        return paths;
    }

    /** The path of child {@code index} under {@code prefix} (empty for top level). */
    public static String child(String prefix, int index) {
        return prefix.isEmpty() ? Integer.toString(index) : prefix + "." + index;
    }

    private static void walk(List<Layer> layers, String prefix, BiConsumer<String, Layer> visitor) {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String path = child(prefix, i);
            visitor.accept(path, l);
            if (l instanceof Layer.Residual r) {
                walk(r.body(), path + ".body", visitor);
                walk(r.shortcut(), path + ".shortcut", visitor);
            }
        }
    }
}
