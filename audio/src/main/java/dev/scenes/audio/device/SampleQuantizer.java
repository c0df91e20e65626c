package dev.scenes.audio.device;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rounds samples to the levels of a {@link Quantization}. Immutable and shared: one instance per
 * quantization, so that hundreds of chains do not each hold a mu-law table.
 *
 * <p>Mu-law avoids a log and an exp per sample: a table over {@value #TABLE_BINS} uniform bins of
 * the magnitude gives the code at the bin's start, and a few comparisons with the exact decision
 * thresholds finish the job, so the result equals exact threshold search.
 */
final class SampleQuantizer {

    private static final double MU = 255;
    private static final int TABLE_BINS = 1 << 16;
    private static final Map<Quantization, SampleQuantizer> SHARED = new ConcurrentHashMap<>();

    private final double scale;
    private final double[] thresholds;
    private final double[] levels;
    private final short[] startCode;

    private SampleQuantizer(double scale, double[] thresholds, double[] levels, short[] startCode) {
        this.scale = scale;
        this.thresholds = thresholds;
        this.levels = levels;
        this.startCode = startCode;
    }

    /** The quantizer for {@code q}, or null if {@code q} changes nothing. */
    static SampleQuantizer of(Quantization q) {
        if (!q.active()) {
            return null;
        }
        return SHARED.computeIfAbsent(q, SampleQuantizer::build);
    }

    private static SampleQuantizer build(Quantization q) {
        if (!q.muLaw()) {
            return new SampleQuantizer(1 << (q.bits() - 1), null, null, null);
        }
        int steps = (1 << (q.bits() - 1)) - 1; // magnitude codes above zero, beside the sign
        double[] levels = new double[steps + 1];
        double[] thresholds = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            levels[k] = expand((double) k / steps);
            thresholds[k] = k < steps ? expand((k + 0.5) / steps) : Double.POSITIVE_INFINITY;
        }
        short[] startCode = new short[TABLE_BINS + 1];
        int code = 0;
        for (int bin = 0; bin <= TABLE_BINS; bin++) {
            double start = (double) bin / TABLE_BINS;
            while (start >= thresholds[code]) {
                code++;
            }
            startCode[bin] = (short) code;
        }
        return new SampleQuantizer(0, thresholds, levels, startCode);
    }

    /** Quantizes {@code x[0..n)} in place. */
    void quantize(double[] x, int n) {
        if (levels == null) {
            double inverse = 1 / scale; // exact: scale is a power of two
            for (int i = 0; i < n; i++) {
                x[i] = Math.rint(x[i] * scale) * inverse;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double magnitude = Math.abs(v);
            int code = startCode[(int) Math.min(magnitude * TABLE_BINS, TABLE_BINS)];
            while (magnitude >= thresholds[code]) {
                code++;
            }
            x[i] = Math.copySign(levels[code], v);
        }
    }

    /** Mu-law expansion of a companded magnitude in [0, 1]. */
    private static double expand(double y) {
        return (Math.pow(1 + MU, y) - 1) / MU;
    }
}
