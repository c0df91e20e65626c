package dev.scenes.audio.resample;

/** The Kaiser window and Kaiser's design formulas (Oppenheim & Schafer, 3rd ed., 7.6). */
final class Kaiser {

    private Kaiser() {}

    /** The shape parameter beta that gives a stopband attenuation of {@code attenuationDb}. */
    static double beta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /**
     * The filter order (length minus one) that reaches {@code attenuationDb} over a transition band
     * of {@code transitionCyclesPerSample} (transition width divided by the sample rate).
     */
    static double order(double attenuationDb, double transitionCyclesPerSample) {
        return (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionCyclesPerSample);
    }

    /** The window at {@code x} in [-1, 1] (0 outside), normalised to 1 at the centre. */
    static double window(double x, double beta) {
        if (Math.abs(x) > 1) {
            return 0;
        }
        return besselI0(beta * Math.sqrt(1 - x * x)) / besselI0(beta);
    }

    /** The zeroth-order modified Bessel function of the first kind, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
