package dev.scenes.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What must not reach the output: aliases when going down, images when going up. */
class ResamplerStopbandTest {

    /** The attenuation the design promises everywhere in the stopband (it measures 84.7 dB). */
    private static final double STOPBAND_DB = 80;

    @Test
    void twentyKilohertzSineGoing44k1To16kIsRemoved() {
        float[] x = Signals.sine(20_000, 44_100, 44_100, 0.9);

        float[] y = Resampler.resample(x, 44_100, 16_000);

        int edge = ResamplerTest.edge(44_100, 16_000);
        double gain = Signals.rms(y, edge, y.length - edge) / Signals.rms(x, 0, x.length);
        assertThat(Signals.db(gain)).isLessThan(-STOPBAND_DB);
    }

    static Stream<Arguments> downsamplingPairs() {
        return ResamplerTest.ratePairs().filter(a -> (int) a.get()[0] > (int) a.get()[1]);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("downsamplingPairs")
    void sinesBetweenTheNewAndTheOldNyquistAreRemoved(int in, int out) {
        int edge = ResamplerTest.edge(in, out);
        // From the stopband edge (the new Nyquist) to just below the input Nyquist, where a sine
        // sampled at its zero crossings would vanish by itself.
        for (int step = 0; step <= 7; step++) {
            double f = out / 2.0 + step * (0.98 * in - out) / 2.0 / 7;
            float[] x = Signals.sine(f, in, in / 2, 0.9);

            float[] y = Resampler.resample(x, in, out);

            double gain = Signals.rms(y, edge, y.length - edge) / Signals.rms(x, 0, x.length);
            assertThat(Signals.db(gain)).as("gain at %.0f Hz in dB", f).isLessThan(-STOPBAND_DB);
        }
    }

    static Stream<Arguments> upsamplingPairs() {
        return ResamplerTest.ratePairs().filter(a -> (int) a.get()[0] < (int) a.get()[1]);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("upsamplingPairs")
    void upsampledSineHasNoImages(int in, int out) {
        double frequency = 0.3 * in;
        float[] x = Signals.sine(frequency, in, in / 2, 0.9);

        float[] y = Resampler.resample(x, in, out);

        // Whatever is not the sine itself (images at in - f, in + f, ..., and ripple) must be
        // below the stopband level.
        int edge = ResamplerTest.edge(in, out);
        float[] residual = new float[y.length];
        for (int k = edge; k < y.length - edge; k++) {
            residual[k] = (float) (y[k] - 0.9 * Math.sin(2 * Math.PI * frequency * k / out));
        }
        double ratio = Signals.rms(residual, edge, y.length - edge) / (0.9 / Math.sqrt(2));
        assertThat(Signals.db(ratio)).isLessThan(-STOPBAND_DB);
    }

    @Test
    void whiteNoiseAboveTheNewNyquistIsRemoved() {
        float[] highBand = Signals.bandPass(Signals.whiteNoise(1 << 17, 3), 44_100, 8_000, 22_050);

        float[] y = Resampler.resample(highBand, 44_100, 16_000);

        int edge = ResamplerTest.edge(44_100, 16_000);
        double gain =
                Signals.rms(y, edge, y.length - edge) / Signals.rms(highBand, 0, highBand.length);
        assertThat(Signals.db(gain)).isLessThan(-STOPBAND_DB);
    }

    @Test
    void whiteNoiseKeepsItsSpectralDensityInThePassband() {
        float[] x = Signals.whiteNoise(1 << 18, 5);

        float[] y = Resampler.resample(x, 44_100, 16_000);

        // Mean |X_k|^2 / n is the power spectral density times the rate; divide the rate out.
        double in = Signals.meanBinPower(x, 44_100, 100, 7_000) / 44_100;
        double out = Signals.meanBinPower(y, 16_000, 100, 7_000) / 16_000;
        assertThat(10 * Math.log10(out / in))
                .as("passband density change, dB")
                .isCloseTo(0, within(0.05));
    }
}
