package dev.scenes.audio.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The synthetic room's impulse response decays at the RT60 asked for (Schroeder integration). */
class ReverbTest {

    @ParameterizedTest
    @CsvSource({"0.4, 0.3", "1.0, 1.0", "2.0, 1.5"})
    void impulseResponseDecaysWithTheRequestedRt60(double rt60, double size) {
        double fs = 44_100;
        Reverb reverb = new Reverb(fs, rt60, size, 0.35);
        float[] h = new float[(int) (fs * rt60 * 1.5)];
        h[0] = 1;
        reverb.process(h, 0, h.length);

        // Schroeder backward integral, then the time the decay curve takes from -5 to -25 dB,
        // extrapolated to 60 dB (T20 as in ISO 3382).
        double[] edc = new double[h.length];
        double sum = 0;
        for (int i = h.length - 1; i >= 0; i--) {
            sum += (double) h[i] * h[i];
            edc[i] = sum;
        }
        int t5 = firstBelow(edc, -5);
        int t25 = firstBelow(edc, -25);
        double measured = 3.0 * (t25 - t5) / fs;

        assertThat(measured).isCloseTo(rt60, org.assertj.core.data.Percentage.withPercentage(20));
    }

    @ParameterizedTest
    @CsvSource({"0.5", "2.0"})
    void wetOutputHasUnitImpulseResponseEnergy(double rt60) {
        Reverb reverb = new Reverb(44_100, rt60, 1, 0.35);
        float[] h = new float[(int) (44_100 * rt60 * 1.5)];
        h[0] = 1;
        reverb.process(h, 0, h.length);
        double energy = 0;
        for (float v : h) {
            energy += (double) v * v;
        }
        assertThat(energy).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    private static int firstBelow(double[] edc, double db) {
        for (int i = 0; i < edc.length; i++) {
            if (10 * Math.log10(edc[i] / edc[0]) < db) {
                return i;
            }
        }
        throw new AssertionError("decay never reached " + db + " dB");
    }
}
