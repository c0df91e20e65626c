package dev.scenes.audio.dsp;

import java.util.ArrayList;
import java.util.List;

/**
 * Coefficients of one second-order IIR section, normalised so that {@code a0 = 1}: {@code H(z) =
 * (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}.
 *
 * <p>The designs are the RBJ Audio-EQ-Cookbook formulas (bilinear transform with the centre or
 * corner frequency pre-warped, so the design holds exactly at that frequency), and an
 * inverse-Chebyshev low-pass built from its analog poles and zeros. Frequencies must lie strictly
 * between 0 and Nyquist; callers that derive them from random draws or modulation clamp first (see
 * {@link BiquadFilter}). The synthesizer's and the device models' output is pinned bit for bit to
 * these formulas, so keep the order of every floating-point operation when editing them.
 *
 * @param b0 feed-forward coefficient of {@code x[n]}
 * @param b1 feed-forward coefficient of {@code x[n-1]}
 * @param b2 feed-forward coefficient of {@code x[n-2]}
 * @param a1 feedback coefficient of {@code y[n-1]}
 * @param a2 feedback coefficient of {@code y[n-2]}
 */
public record BiquadCoefficients(double b0, double b1, double b2, double a1, double a2) {

    /** Q of the 2nd-order Butterworth response, {@code 1 / sqrt(2)}: maximally flat, -3.01 dB. */
    public static final double BUTTERWORTH_Q = Math.sqrt(0.5);

    /** Passes the signal unchanged. */
    public static final BiquadCoefficients IDENTITY = new BiquadCoefficients(1, 0, 0, 0, 0);

    /**
     * 2nd-order low-pass with quality factor {@code q}: unity gain at DC, 12 dB per octave above
     * {@code hz}, {@code 20 log10(q)} dB at {@code hz}.
     */
    public static BiquadCoefficients lowpass(double hz, double q, double sampleRate) {
        requireQ(q);
        double w = omega(hz, sampleRate);
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * q);
        return normalised((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /**
     * 2nd-order high-pass with quality factor {@code q}: unity gain at Nyquist, 12 dB per octave
     * below {@code hz}, {@code 20 log10(q)} dB at {@code hz}.
     */
    public static BiquadCoefficients highpass(double hz, double q, double sampleRate) {
        requireQ(q);
        double w = omega(hz, sampleRate);
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * q);
        return normalised((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** 2nd-order Butterworth low-pass: -3.01 dB at {@code hz}, 12 dB per octave above. */
    public static BiquadCoefficients butterworthLowpass(double hz, double sampleRate) {
        return lowpass(hz, BUTTERWORTH_Q, sampleRate);
    }

    /** 2nd-order Butterworth high-pass: -3.01 dB at {@code hz}, 12 dB per octave below. */
    public static BiquadCoefficients butterworthHighpass(double hz, double sampleRate) {
        return highpass(hz, BUTTERWORTH_Q, sampleRate);
    }

    /** Band-pass with 0 dB gain at the centre {@code hz}; bandwidth about {@code hz / q}. */
    public static BiquadCoefficients bandpass(double hz, double q, double sampleRate) {
        requireQ(q);
        double w = omega(hz, sampleRate);
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * q);
        return normalised(alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Peaking equaliser: exactly {@code gainDb} at {@code hz}, 0 dB far from it. */
    public static BiquadCoefficients peaking(
            double hz, double q, double gainDb, double sampleRate) {
        requireQ(q);
        double w = omega(hz, sampleRate);
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * q);
        double a = Math.pow(10, gainDb / 40);
        return normalised(
                1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    /** High shelf: 0 dB at DC, {@code gainDb} at Nyquist, half of it at {@code hz}; slope 1. */
    public static BiquadCoefficients highShelf(double hz, double gainDb, double sampleRate) {
        double w = omega(hz, sampleRate);
        double cos = Math.cos(w);
        double a = Math.pow(10, gainDb / 40);
        double alpha = Math.sin(w) / 2 * Math.sqrt(2); // slope S = 1
        double root = 2 * Math.sqrt(a) * alpha;
        return normalised(
                a * ((a + 1) + (a - 1) * cos + root),
                -2 * a * ((a - 1) + (a + 1) * cos),
                a * ((a + 1) + (a - 1) * cos - root),
                (a + 1) - (a - 1) * cos + root,
                2 * ((a - 1) - (a + 1) * cos),
                (a + 1) - (a - 1) * cos - root);
    }

    /**
     * Inverse-Chebyshev (Chebyshev type II) low-pass of even {@code order}: flat passband, at least
     * {@code stopbandDb} attenuation from {@code stopHz} up to Nyquist, unity gain at DC. Built
     * from the analog prototype's poles and zeros, stopband edge pre-warped, one section per
     * conjugate pair.
     *
     * @return the {@code order / 2} sections, to be run in cascade
     */
    public static List<BiquadCoefficients> inverseChebyshevLowpass(
            double stopHz, double stopbandDb, int order, double sampleRate) {
        requireFrequency(stopHz, sampleRate);
        if (order < 2 || order % 2 != 0) {
            throw new IllegalArgumentException(
                    "inverse-Chebyshev order is " + order + "; expected an even order >= 2");
        }
        if (!(stopbandDb > 0)) {
            throw new IllegalArgumentException(
                    "inverse-Chebyshev stopbandDb is " + stopbandDb + "; expected > 0 dB");
        }
        double epsilon = 1 / Math.sqrt(Math.pow(10, stopbandDb / 10) - 1);
        double mu = asinh(1 / epsilon) / order;
        double warped = Math.tan(Math.PI * stopHz / sampleRate); // s = (z - 1) / (z + 1)
        List<BiquadCoefficients> sections = new ArrayList<>();
        for (int k = 1; k <= order / 2; k++) {
            double theta = (2 * k - 1) * Math.PI / (2 * order);
            // Chebyshev I pole for the same epsilon; the type II pole is its reciprocal.
            double re = -Math.sinh(mu) * Math.sin(theta);
            double im = Math.cosh(mu) * Math.cos(theta);
            double norm = re * re + im * im;
            double poleRe = warped * re / norm;
            double poleIm = warped * -im / norm;
            double zeroIm = warped / Math.cos(theta);
            // Bilinear: z = (1 + s) / (1 - s).
            double[] pole = bilinear(poleRe, poleIm);
            double[] zero = bilinear(0, zeroIm);
            double b1 = -2 * zero[0];
            double b2 = zero[0] * zero[0] + zero[1] * zero[1];
            double a1 = -2 * pole[0];
            double a2 = pole[0] * pole[0] + pole[1] * pole[1];
            double dcScale = (1 + a1 + a2) / (1 + b1 + b2);
            sections.add(new BiquadCoefficients(dcScale, dcScale * b1, dcScale * b2, a1, a2));
        }
        return List.copyOf(sections);
    }

    /** This section with its output multiplied by {@code factor} (a linear gain). */
    public BiquadCoefficients scaled(double factor) {
        return new BiquadCoefficients(b0 * factor, b1 * factor, b2 * factor, a1, a2);
    }

    /** {@code |H|} at {@code hz} for sample rate {@code sampleRate}. */
    public double magnitude(double hz, double sampleRate) {
        return Math.sqrt(squaredMagnitude(hz, sampleRate));
    }

    /** {@code |H|} in dB at {@code hz} for sample rate {@code sampleRate}. */
    public double magnitudeDb(double hz, double sampleRate) {
        return 10 * Math.log10(squaredMagnitude(hz, sampleRate));
    }

    private double squaredMagnitude(double hz, double sampleRate) {
        double w = 2 * Math.PI * hz / sampleRate;
        double c1 = Math.cos(w);
        double s1 = -Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = -Math.sin(2 * w);
        double numRe = b0 + b1 * c1 + b2 * c2;
        double numIm = b1 * s1 + b2 * s2;
        double denRe = 1 + a1 * c1 + a2 * c2;
        double denIm = a1 * s1 + a2 * s2;
        return (numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm);
    }

    /** The design frequency in radians per sample. */
    private static double omega(double hz, double sampleRate) {
        requireFrequency(hz, sampleRate);
        return 2 * Math.PI * hz / sampleRate;
    }

    private static void requireFrequency(double hz, double sampleRate) {
        if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
            throw new IllegalArgumentException(
                    "biquad sampleRate is " + sampleRate + " Hz; expected a positive rate");
        }
        if (!(hz > 0 && hz < sampleRate / 2)) {
            throw new IllegalArgumentException(
                    "biquad frequency is "
                            + hz
                            + " Hz at sample rate "
                            + sampleRate
                            + " Hz; expected 0 < hz < "
                            + sampleRate / 2);
        }
    }

    private static void requireQ(double q) {
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("biquad q is " + q + "; expected a positive Q");
        }
    }

    private static BiquadCoefficients normalised(
            double b0, double b1, double b2, double a0, double a1, double a2) {
        return new BiquadCoefficients(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    private static double[] bilinear(double re, double im) {
        // (1 + s) / (1 - s)
        double nr = 1 + re;
        double ni = im;
        double dr = 1 - re;
        double di = -im;
        double d = dr * dr + di * di;
        return new double[] {(nr * dr + ni * di) / d, (ni * dr - nr * di) / d};
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
