package dev.scenes.trainer.export;

import dev.scenes.trainer.model.Architecture;
import java.util.List;

/**
 * An architecture's inference network with batch norm folded and dropout removed: what both ONNX
 * graphs are written from.
 *
 * @param architecture the description it came from (name, input shape, MACs)
 * @param ops the operations in order
 */
public record FoldedNetwork(Architecture architecture, List<Op> ops) {

    /** Copies the operation list. */
    public FoldedNetwork {
        ops = List.copyOf(ops);
    }
}
