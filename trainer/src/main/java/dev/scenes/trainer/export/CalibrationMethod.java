package dev.scenes.trainer.export;

import java.util.Locale;

/**
 * How an activation's quantization range is chosen from the values seen on calibration inputs.
 *
 * <ul>
 *   <li>{@code minmax}: the smallest and largest value seen; no clipping, coarser steps.
 *   <li>{@code percentile:P}: the {@code (100-P)}th and {@code P}th percentiles (from a 2048-bin
 *       histogram over the min-max range), clipping rare outliers for finer steps; P = 99.99 is the
 *       common choice.
 * </ul>
 *
 * @param percentile 100 for min-max, else the upper percentile in (50, 100)
 */
public record CalibrationMethod(double percentile) {

    /** Checks the percentile. */
    public CalibrationMethod {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException(
                    "calibration percentile "
                            + percentile
                            + "; expected 50 < p <= 100 (100 is min-max)");
        }
    }

    /** Min-max calibration. */
    public static CalibrationMethod minMax() {
        return new CalibrationMethod(100);
    }

    /** Percentile calibration at {@code p} (e.g. 99.99). */
    public static CalibrationMethod percentile(double p) {
        if (p >= 100) {
            throw new IllegalArgumentException(
                    "percentile calibration needs p < 100, got " + p + "; use minmax for 100");
        }
        return new CalibrationMethod(p);
    }

    /**
     * Parses {@code minmax} or {@code percentile:99.99} (as given on a command line).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static CalibrationMethod parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("minmax") || t.equals("min-max")) {
            return minMax();
        }
        if (t.startsWith("percentile:")) {
            try {
                return percentile(Double.parseDouble(t.substring("percentile:".length())));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(
                "calibration method '"
                        + text
                        + "'; expected minmax or percentile:<p>, e.g."
                        + " percentile:99.99");
    }

    /** Whether this is min-max calibration. */
    public boolean isMinMax() {
        return percentile == 100;
    }

    /** Short tag for metadata: {@code minmax} or {@code p99.99}. */
    public String tag() {
        if (isMinMax()) {
            return "minmax";
        }
        String p = Double.toString(percentile);
        return "p" + (p.endsWith(".0") ? p.substring(0, p.length() - 2) : p);
    }
}
