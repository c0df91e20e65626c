package dev.scenes.trainer.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates activation ranges for int8 quantization by running the float graph of a {@link
 * FoldedNetwork} in ONNX Runtime on sample inputs, with every activation as an extra output.
 *
 * <p>Min-max needs one pass. Percentile calibration takes a second pass that fills a {@value
 * #BINS}-bin histogram per tensor over its min-max range and reads the {@code (100-p)}th and {@code
 * p}th percentiles at bin edges; the range is then widened to contain 0.
 */
public final class ActivationCalibrator {

    /** Histogram bins for percentile calibration. */
    public static final int BINS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(ActivationCalibrator.class);
    private static final int BATCH = 8;

    private ActivationCalibrator() {}

    /**
     * The ranges of every activation of {@code net} on {@code inputs} (each {@code mels * frames}
     * raw log-mel values, band-major).
     *
     * @throws IllegalArgumentException if there are no inputs
     */
    public static ActivationRanges calibrate(
            FoldedNetwork net, List<float[]> inputs, CalibrationMethod method) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(
                    "calibration of "
                            + net.architecture().name()
                            + " needs at least one input; pass a sample of training clips");
        }
        NetworkGraphWriter.Tapped tapped = NetworkGraphWriter.fp32WithTaps(net);
        List<String> taps = tapped.activations();
        Map<String, float[]> minMax = new HashMap<>();
        try (OrtModel model =
                OrtModel.open(
                        tapped.model().toByteArray(),
                        "calibration graph of " + net.architecture().name())) {
            for (int i = 0; i < inputs.size(); i += BATCH) {
                Map<String, float[]> out = model.run(batch(inputs, i), taps);
                for (String t : taps) {
                    float[] mm =
                            minMax.computeIfAbsent(
                                    t, k -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
                    for (float v : out.get(t)) {
                        mm[0] = Math.min(mm[0], v);
                        mm[1] = Math.max(mm[1], v);
                    }
                }
            }
            Map<String, ActivationRange> ranges = new HashMap<>();
            if (method.isMinMax()) {
                minMax.forEach((t, mm) -> ranges.put(t, ActivationRange.including(mm[0], mm[1])));
            } else {
                Map<String, long[]> hist = new HashMap<>();
                for (int i = 0; i < inputs.size(); i += BATCH) {
                    Map<String, float[]> out = model.run(batch(inputs, i), taps);
                    for (String t : taps) {
                        float[] mm = minMax.get(t);
                        long[] h = hist.computeIfAbsent(t, k -> new long[BINS]);
                        double width = Math.max(mm[1] - mm[0], 1e-30);
                        for (float v : out.get(t)) {
                            int b = (int) ((v - mm[0]) / width * BINS);
                            h[Math.max(0, Math.min(BINS - 1, b))]++;
                        }
                    }
                }
                hist.forEach(
                        (t, h) -> {
                            float[] mm = minMax.get(t);
                            ranges.put(t, percentileRange(h, mm[0], mm[1], method.percentile()));
                        });
            }
            LOG.info(
                    "Calibrated {} activations of {} on {} inputs ({})",
                    ranges.size(),
                    net.architecture().name(),
                    inputs.size(),
                    method.tag());
            return new ActivationRanges(method, inputs.size(), ranges);
        }
    }

    /** The [lower, upper] percentile range of a histogram over [min, max], widened to hold 0. */
    static ActivationRange percentileRange(long[] hist, float min, float max, double p) {
        long total = 0;
        for (long c : hist) {
            total += c;
        }
        double width = (max - min) / (double) hist.length;
        double lowTarget = total * (100 - p) / 100;
        double highTarget = total * p / 100;
        long cum = 0;
        double lo = min;
        double hi = max;
        boolean loFound = false;
        for (int b = 0; b < hist.length; b++) {
            cum += hist[b];
            if (!loFound && cum > lowTarget) {
                lo = min + b * width;
                loFound = true;
            }
            if (cum >= highTarget) {
                hi = min + (b + 1) * width;
                break;
            }
        }
        return ActivationRange.including(lo, Math.min(hi, max));
    }

    private static List<float[]> batch(List<float[]> inputs, int from) {
        return inputs.subList(from, Math.min(inputs.size(), from + BATCH));
    }
}
