package dev.scenes.trainer.export;

/**
 * The calibrated range of one activation tensor; always contains 0 so that zero is exactly
 * representable after quantization (zero padding and ReLU rely on it).
 *
 * @param min lower end, at most 0
 * @param max upper end, at least 0
 */
public record ActivationRange(float min, float max) {

    /** Checks that the range is finite and contains 0. */
    public ActivationRange {
        if (!(min <= 0 && max >= 0) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException(
                    "activation range ["
                            + min
                            + ", "
                            + max
                            + "] must be finite and contain 0; build it with including(lo, hi)");
        }
    }

    /** The smallest range that contains {@code [lo, hi]} and 0. */
    public static ActivationRange including(double lo, double hi) {
        return new ActivationRange((float) Math.min(0, lo), (float) Math.max(0, hi));
    }
}
