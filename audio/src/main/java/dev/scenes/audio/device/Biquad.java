package dev.scenes.audio.device;

import java.util.ArrayList;
import java.util.List;

/**
 * Coefficients of one second-order IIR section, normalised so that {@code a0 = 1}: {@code H(z) =
 * (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}. The designs are the RBJ Audio-EQ-Cookbook
 * formulas (bilinear transform with the centre or corner frequency pre-warped, so the design holds
 * exactly at that frequency), and an inverse-Chebyshev low-pass built from its analog poles and
 * zeros.
 */
record Biquad(double b0, double b1, double b2, double a1, double a2) {

    /** 2nd-order Butterworth high-pass: -3.01 dB at {@code hz}, 12 dB per octave below. */
    static Biquad highpass(double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        return normalised((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** 2nd-order Butterworth low-pass: -3.01 dB at {@code hz}, 12 dB per octave above. */
    static Biquad lowpass(double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        return normalised((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Peaking equaliser: exactly {@code gainDb} at {@code hz}, 0 dB far from it. */
    static Biquad peaking(double hz, double gainDb, double q, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * q);
        double a = Math.pow(10, gainDb / 40);
        return normalised(
                1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    /** High shelf: 0 dB at DC, {@code gainDb} at Nyquist, half of it at {@code hz}; slope 1. */
    static Biquad highShelf(double hz, double gainDb, int rate) {
        double w = 2 * Math.PI * hz / rate;
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
     */
    static List<Biquad> inverseChebyshevLowpass(
            double stopHz, double stopbandDb, int order, int rate) {
        double epsilon = 1 / Math.sqrt(Math.pow(10, stopbandDb / 10) - 1);
        double mu = asinh(1 / epsilon) / order;
        double warped = Math.tan(Math.PI * stopHz / rate); // s = (z - 1) / (z + 1)
        List<Biquad> sections = new ArrayList<>();
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
            sections.add(new Biquad(dcScale, dcScale * b1, dcScale * b2, a1, a2));
        }
        return List.copyOf(sections);
    }

    /** {@code |H|} in dB at {@code hz} for sample rate {@code rate}. */
    double magnitudeDb(double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double c1 = Math.cos(w);
        double s1 = -Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = -Math.sin(2 * w);
        double numRe = b0 + b1 * c1 + b2 * c2;
        double numIm = b1 * s1 + b2 * s2;
        double denRe = 1 + a1 * c1 + a2 * c2;
        double denIm = a1 * s1 + a2 * s2;
        return 10 * Math.log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
    }

    private static Biquad normalised(
            double b0, double b1, double b2, double a0, double a1, double a2) {
        return new Biquad(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
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
