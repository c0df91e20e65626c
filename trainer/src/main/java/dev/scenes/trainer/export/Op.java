package dev.scenes.trainer.export;

import dev.scenes.trainer.model.Tensor;
import java.util.List;

/**
 * One operation of an inference network after {@link BatchNormFolding}: batch norms are inside the
 * convolutions, ReLUs that follow a convolution, dense layer or residual sum are fused flags, and
 * dropout is gone. The ONNX writers emit exactly these operations.
 *
 * <p>{@link #id()} is the {@link dev.scenes.trainer.model.LayerPath} of the layer the operation
 * came from; ONNX tensors are named after it ({@code a<id>} for its output).
 */
public sealed interface Op
        permits Op.Normalize,
                Op.Conv,
                Op.Dense,
                Op.MaxPool,
                Op.AvgPool,
                Op.GlobalAvgPool,
                Op.Flatten,
                Op.Relu,
                Op.Add,
                Op.Softmax {

    /** The layer path this operation came from. */
    String id();

    /**
     * Per-band {@code max((x - mean) / std, floor)}.
     *
     * @param id layer path
     * @param mean per-band mean
     * @param std per-band standard deviation
     * @param floor lower clamp of the result, {@link Float#NEGATIVE_INFINITY} for none
     */
    record Normalize(String id, float[] mean, float[] std, float floor) implements Op {

        /** Whether the result is clamped from below. */
        public boolean clamped() {
            return floor != Float.NEGATIVE_INFINITY;
        }
    }

    /**
     * Convolution with batch norm folded in, optionally followed by ReLU.
     *
     * @param id layer path
     * @param weight {@code [filters, channels/groups, kh, kw]}
     * @param bias one per filter (zeros if the layer had none and no batch norm followed)
     * @param strideH stride over bands
     * @param strideW stride over frames
     * @param padH padding over bands
     * @param padW padding over frames
     * @param groups convolution groups
     * @param relu whether ReLU follows
     */
    record Conv(
            String id,
            Tensor weight,
            float[] bias,
            int strideH,
            int strideW,
            int padH,
            int padW,
            int groups,
            boolean relu)
            implements Op {}

    /**
     * Fully connected layer, {@code x W^T + b}, optionally followed by ReLU.
     *
     * @param id layer path
     * @param weight {@code [units, inputs]}
     * @param bias one per unit
     * @param relu whether ReLU follows
     */
    record Dense(String id, Tensor weight, float[] bias, boolean relu) implements Op {}

    /**
     * Max pooling without padding.
     *
     * @param id layer path
     * @param kernelH pool height
     * @param kernelW pool width
     * @param strideH stride over bands
     * @param strideW stride over frames
     */
    record MaxPool(String id, int kernelH, int kernelW, int strideH, int strideW) implements Op {}

    /**
     * Average pooling without padding.
     *
     * @param id layer path
     * @param kernelH pool height
     * @param kernelW pool width
     * @param strideH stride over bands
     * @param strideW stride over frames
     */
    record AvgPool(String id, int kernelH, int kernelW, int strideH, int strideW) implements Op {}

    /**
     * Mean over bands and frames, flattened to {@code [batch, channels]}.
     *
     * @param id layer path
     */
    record GlobalAvgPool(String id) implements Op {}

    /**
     * Flatten to {@code [batch, values]}.
     *
     * @param id layer path
     */
    record Flatten(String id) implements Op {}

    /**
     * A ReLU that could not be fused into its producer.
     *
     * @param id layer path
     */
    record Relu(String id) implements Op {}

    /**
     * {@code body(x) + shortcut(x)}, optionally followed by ReLU; an empty shortcut is the
     * identity.
     *
     * @param id layer path
     * @param body residual branch
     * @param shortcut projection branch or empty
     * @param relu whether ReLU follows the sum
     */
    record Add(String id, List<Op> body, List<Op> shortcut, boolean relu) implements Op {}

    /**
     * Softmax over classes: the output {@code probabilities}.
     *
     * @param id layer path
     */
    record Softmax(String id) implements Op {}
}
