package dev.scenes.trainer.export;

/**
 * Per-tensor asymmetric uint8 quantization of an activation: {@code q = clamp(round(x / scale) +
 * zeroPoint, 0, 255)}.
 *
 * <p>uint8 activations with int8 weights (U8S8) are ONNX Runtime's main x86 path for {@code
 * QLinearConv}. A range starting at 0 (a ReLU output) gets zero point 0, so the saturating
 * quantizer itself implements the ReLU and the int8 graph needs no ReLU node.
 *
 * @param scale step size, > 0
 * @param zeroPoint the code of 0.0, in 0..255
 */
public record ActivationQuant(float scale, int zeroPoint) {

    /** Smallest scale used for a degenerate (all-zero) range. */
    static final float MIN_SCALE = 1e-8f;

    /** Checks scale and zero point. */
    public ActivationQuant {
        if (!(scale > 0) || !Float.isFinite(scale) || zeroPoint < 0 || zeroPoint > 255) {
            throw new IllegalArgumentException(
                    "uint8 quantization with scale "
                            + scale
                            + " and zero point "
                            + zeroPoint
                            + "; expected scale > 0 and zero point in 0..255");
        }
    }

    /** The uint8 quantization that covers {@code range}. */
    public static ActivationQuant uint8(ActivationRange range) {
        float scale = (range.max() - range.min()) / 255f;
        if (!(scale >= MIN_SCALE)) {
            scale = MIN_SCALE;
        }
        int zp = (int) Math.rint(-range.min() / scale);
        return new ActivationQuant(scale, Math.max(0, Math.min(255, zp)));
    }
}
