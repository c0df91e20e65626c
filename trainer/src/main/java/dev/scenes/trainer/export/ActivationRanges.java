package dev.scenes.trainer.export;

import java.util.Map;
import java.util.TreeMap;

/**
 * Calibrated ranges of a network's activation tensors, keyed by ONNX tensor name ({@code a<layer
 * path>}, {@code a0} is the normalised input), and how they were calibrated.
 *
 * @param method the calibration method
 * @param samples how many input examples were seen
 * @param ranges range per tensor name
 */
public record ActivationRanges(
        CalibrationMethod method, int samples, Map<String, ActivationRange> ranges) {

    /** Copies the map (sorted by name, for stable printing). */
    public ActivationRanges {
        ranges = java.util.Collections.unmodifiableMap(new TreeMap<>(ranges));
    }

    /**
     * The range of tensor {@code name}.
     *
     * @throws IllegalArgumentException if it was not calibrated
     */
    public ActivationRange get(String name) {
        ActivationRange r = ranges.get(name);
        if (r == null) {
            throw new IllegalArgumentException(
                    "no calibrated range for activation "
                            + name
                            + "; calibrate with the same folded network that is being quantized"
                            + " (calibrated: "
                            + ranges.keySet()
                            + ")");
        }
        return r;
    }
}
