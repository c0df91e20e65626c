package dev.scenes.audio.resample;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The precomputed polyphase branches of the windowed-sinc kernel for one reduced ratio L/M.
 *
 * <p>Output sample k lies at input position {@code k*M/L}, that is {@code i0 = floor(k*M/L)} plus
 * the fraction {@code p/L} with {@code p = k*M mod L}. It is the dot product of the {@code taps}
 * inputs {@code i0-half+1 .. i0+half} with branch {@code p}, whose coefficient for input {@code i}
 * is the kernel at {@code i0 + p/L - i}. The kernel is symmetric and evaluated at exact offsets, so
 * the output has no delay: output sample k is the signal at time {@code k / outRate}.
 *
 * <p>Immutable and shared: {@link #forRatio} caches one bank per ratio for the life of the JVM.
 */
final class PolyphaseFilterBank {

    /** Stopband attenuation the Kaiser window is designed for, in dB. */
    static final double ATTENUATION_DB = 85;

    /** Passband edge as a fraction of the lower Nyquist frequency; the stopband starts at 1. */
    static final double PASSBAND_FRACTION = 0.90;

    /** Largest bank built (16 MB of floats); finer ratios are refused rather than stall a job. */
    static final int MAX_COEFFICIENTS = 1 << 22;

    private static final ConcurrentMap<Long, PolyphaseFilterBank> CACHE = new ConcurrentHashMap<>();

    private final int up;
    private final int down;
    private final int half;
    private final int taps;
    private final double beta;
    private final double stopbandCyclesPerInput;
    private final float[] coefficients;

    private PolyphaseFilterBank(int up, int down) {
        this.up = up;
        this.down = down;
        // Frequencies in cycles per input sample: the lower Nyquist is 0.5 * min(1, L/M).
        this.stopbandCyclesPerInput = 0.5 * Math.min(1.0, (double) up / down);
        double passband = PASSBAND_FRACTION * stopbandCyclesPerInput;
        double cutoff = (passband + stopbandCyclesPerInput) / 2;
        double order = Kaiser.order(ATTENUATION_DB, stopbandCyclesPerInput - passband);
        this.half = Math.max(1, (int) Math.ceil(order / 2));
        this.taps = 2 * half;
        this.beta = Kaiser.beta(ATTENUATION_DB);
        if ((long) taps * up > MAX_COEFFICIENTS) {
            throw new IllegalArgumentException(
                    "ratio "
                            + up
                            + "/"
                            + down
                            + " needs a filter bank of "
                            + (long) taps * up
                            + " coefficients, more than the "
                            + MAX_COEFFICIENTS
                            + " allowed; use rates with a larger common divisor");
        }
        this.coefficients = new float[taps * up];
        double[] branch = new double[taps];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int t = 0; t < taps; t++) {
                double tau = half - 1 + (double) p / up - t;
                double x = 2 * cutoff * tau;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                branch[t] = 2 * cutoff * sinc * Kaiser.window(tau / half, beta);
                sum += branch[t];
            }
            // Unit DC gain per branch: a constant input gives exactly that constant out, with no
            // ripple at the phase period.
            for (int t = 0; t < taps; t++) {
                coefficients[p * taps + t] = (float) (branch[t] / sum);
            }
        }
    }

    /** The bank for the ratio {@code up/down} (in lowest terms), built once and cached. */
    static PolyphaseFilterBank forRatio(int up, int down) {
        return CACHE.computeIfAbsent(
                ((long) up << 32) | down, key -> new PolyphaseFilterBank(up, down));
    }

    int up() {
        return up;
    }

    int down() {
        return down;
    }

    /** Inputs before and including the output position that a branch needs, minus one. */
    int half() {
        return half;
    }

    int taps() {
        return taps;
    }

    double beta() {
        return beta;
    }

    /** Stopband edge (the lower Nyquist) in cycles per input sample. */
    double stopbandCyclesPerInput() {
        return stopbandCyclesPerInput;
    }

    /** Coefficient {@code tap} of branch {@code phase}; for tests that inspect the kernel. */
    float coefficient(int phase, int tap) {
        return coefficients[phase * taps + tap];
    }

    /** One output sample: inputs {@code x[start .. start+taps-1]} through branch {@code phase}. */
    float apply(float[] x, int start, int phase) {
        int base = phase * taps;
        double acc = 0;
        for (int t = 0; t < taps; t++) {
            acc += (double) x[start + t] * coefficients[base + t];
        }
        return (float) acc;
    }
}
