package dev.scenes.audio.device;

import static dev.scenes.audio.device.Measure.RATE;
import static dev.scenes.audio.device.Measure.impulseResponse;
import static dev.scenes.audio.device.Measure.magnitudeDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each filter stage of a device, alone, measured from its impulse response against the analytic
 * response of its design. The designs themselves are tested in {@code
 * dev.scenes.audio.dsp.BiquadCoefficientsTest}; these tests check that the chain wires and runs
 * them.
 */
class FilterDesignTest {

    private static final int LENGTH = 1 << 16;

    private static DeviceProfile only(
            double highpass, double lowpass, List<Resonance> resonances, double tilt, double band) {
        return new DeviceProfile(
                highpass,
                lowpass,
                resonances,
                tilt,
                0,
                Double.NEGATIVE_INFINITY,
                Agc.OFF,
                Double.POSITIVE_INFINITY,
                Quantization.NONE,
                band);
    }

    /** Bilinear Butterworth of order 2: {@code |H|^2 = 1 / (1 + r^4)}, r the warped ratio. */
    private static double butterworthDb(double ratio) {
        return -10 * Math.log10(1 + Math.pow(ratio, 4));
    }

    private static double warp(double hz) {
        return Math.tan(Math.PI * hz / RATE);
    }

    @Test
    void highpassFollowsTheButterworthResponseMinus3DbAtItsCorner() {
        double corner = 200;
        float[] h = impulseResponse(only(corner, 0, List.of(), 0, 0), LENGTH);

        assertThat(magnitudeDb(h, corner)).isCloseTo(-3.01, within(0.02));
        for (double f : new double[] {25, 50, 100, 400, 1000, 5000}) {
            assertThat(magnitudeDb(h, f))
                    .as("high-pass at %s Hz", f)
                    .isCloseTo(butterworthDb(warp(corner) / warp(f)), within(0.05));
        }
        assertThat(magnitudeDb(h, corner / 4)).as("two octaves below").isLessThan(-23.5);
    }

    @Test
    void lowpassRollOffFollowsTheButterworthResponseMinus3DbAtItsCorner() {
        double corner = 12_000;
        float[] h = impulseResponse(only(0, corner, List.of(), 0, 0), LENGTH);

        assertThat(magnitudeDb(h, corner)).isCloseTo(-3.01, within(0.02));
        for (double f : new double[] {1000, 6000, 16_000, 20_000}) {
            assertThat(magnitudeDb(h, f))
                    .as("low-pass at %s Hz", f)
                    .isCloseTo(butterworthDb(warp(f) / warp(corner)), within(0.05));
        }
    }

    @Test
    void resonanceBoostsExactlyItsGainAtItsCentreAndLeavesDistantBandsAlone() {
        float[] h = impulseResponse(only(0, 0, List.of(new Resonance(1000, 8, 2)), 0, 0), LENGTH);

        assertThat(magnitudeDb(h, 1000)).isCloseTo(8.0, within(0.02));
        assertThat(magnitudeDb(h, 800)).isBetween(0.5, 8.0);
        assertThat(magnitudeDb(h, 60)).isCloseTo(0.0, within(0.1));
        assertThat(magnitudeDb(h, 16_000)).isCloseTo(0.0, within(0.2));
    }

    @Test
    void tiltRisesByItsSlopePerOctaveAndPivotsNear1400Hz() {
        double slope = 2;
        float[] h = impulseResponse(only(0, 0, List.of(), slope, 0), LENGTH);

        double measured = (magnitudeDb(h, 8000) - magnitudeDb(h, 250)) / 5;
        assertThat(measured).isCloseTo(slope, within(0.05));
        assertThat(magnitudeDb(h, 1414)).isCloseTo(0.0, within(0.1));
        // Monotone: brighter at every octave step.
        double previous = Double.NEGATIVE_INFINITY;
        for (double f = 125; f <= 16_000; f *= 2) {
            double db = magnitudeDb(h, f);
            assertThat(db).as("tilt at %s Hz", f).isGreaterThan(previous);
            previous = db;
        }
    }

    @Test
    void bandLimitIsFlatBelowAndAtLeast50DbDownFromItsEdgeToNyquist() {
        double edge = 8000;
        float[] h = impulseResponse(only(0, 0, List.of(), 0, edge), LENGTH);

        for (double f = 100; f <= 0.6 * edge; f += 100) {
            assertThat(magnitudeDb(h, f)).as("passband at %s Hz", f).isCloseTo(0.0, within(0.1));
        }
        for (double f = edge; f < RATE / 2.0; f += 50) {
            assertThat(magnitudeDb(h, f))
                    .as("stopband at %s Hz", f)
                    .isLessThan(-DeviceChain.BAND_LIMIT_STOPBAND_DB + 0.5);
        }
    }

    @Test
    void filtersAtOrAboveTheLimitFractionOfTheRateAreLeftOut() {
        DeviceProfile profile = only(0, 0, List.of(new Resonance(9000, 6, 2)), 0, 8000);
        DeviceChain at16k = new DeviceChain(profile, 16_000, 1);
        DeviceChain at44k = new DeviceChain(profile, 44_100, 1);

        assertThat(at16k.sections()).isZero();
        assertThat(at44k.sections()).isEqualTo(1 + DeviceChain.BAND_LIMIT_ORDER / 2);
    }
}
