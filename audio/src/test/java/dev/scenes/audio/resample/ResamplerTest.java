package dev.scenes.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {

    static final int[] RATES = {8_000, 16_000, 22_050, 32_000, 44_100, 48_000};

    /** Every ordered pair of distinct rates: 30 conversions. */
    static Stream<Arguments> ratePairs() {
        return IntStream.of(RATES)
                .boxed()
                .flatMap(
                        in ->
                                IntStream.of(RATES)
                                        .filter(out -> out != in)
                                        .mapToObj(out -> Arguments.of(in, out)));
    }

    /** Output samples at each end that carry the filter's edge transient. */
    static int edge(int in, int out) {
        return (int) Math.ceil((double) Resampler.design(in, out).tapsPerPhase() * out / in) + 4;
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("ratePairs")
    void sineBelowBothNyquistsKeepsItsFrequencyAmplitudeAndTiming(int in, int out) {
        double lowerNyquist = Math.min(in, out) / 2.0;
        for (double fraction : new double[] {0.05, 0.4, 0.85}) {
            double frequency = fraction * lowerNyquist;
            double amplitude = 0.5;
            float[] x = Signals.sine(frequency, in, in, amplitude);

            float[] y = Resampler.resample(x, in, out);

            int from = edge(in, out);
            int to = y.length - from;
            String what = String.format("%.1f Hz, %d -> %d Hz", frequency, in, out);
            assertThat(Signals.zeroCrossingFrequency(y, from, to, out) / frequency)
                    .as("measured / true frequency of %s", what)
                    .isCloseTo(1.0, within(1e-4));
            assertThat(Signals.db(Signals.fittedAmplitude(y, from, to, frequency, out) / amplitude))
                    .as("gain in dB of %s", what)
                    .isCloseTo(0.0, within(0.01));
            // No delay: output k is the sine at time k / out, within the passband ripple.
            double worst = 0;
            for (int k = from; k < to; k++) {
                double expected = amplitude * Math.sin(2 * Math.PI * frequency * k / out);
                worst = Math.max(worst, Math.abs(y[k] - expected));
            }
            assertThat(Signals.db(worst / amplitude))
                    .as("worst error in dB of %s", what)
                    .isLessThan(-80);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("ratePairs")
    void constantStaysConstant(int in, int out) {
        float[] x = new float[in / 10];
        java.util.Arrays.fill(x, 0.5f);

        float[] y = Resampler.resample(x, in, out);

        for (int k = edge(in, out); k < y.length - edge(in, out); k++) {
            assertThat(y[k]).as("sample %d", k).isCloseTo(0.5f, within(1e-6f));
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("ratePairs")
    void outputLengthIsTheCeilingOfInputTimesRatio(int in, int out) {
        for (int n : new int[] {0, 1, 2, 3, 7, 146, 147, 441, 1001}) {
            long expected = (long) Math.ceil((double) n * out / in - 1e-9);

            assertThat(Resampler.resample(new float[n], in, out)).hasSize((int) expected);
            assertThat(Resampler.outputLength(n, in, out)).isEqualTo(expected);
        }
    }

    @Test
    void equalRatesReturnACopyOfTheInput() {
        float[] x = Signals.whiteNoise(1000, 1);

        float[] y = Resampler.resample(x, 44_100, 44_100);

        assertThat(y).containsExactly(x).isNotSameAs(x);
    }

    @Test
    void roundTrip44k1To48kAndBackRestoresBandLimitedNoise() {
        int n = 1 << 16;
        float[] x = Signals.bandPass(Signals.whiteNoise(n, 7), 44_100, 0, 18_000);

        float[] back = Resampler.resample(Resampler.resample(x, 44_100, 48_000), 48_000, 44_100);

        // ceil(ceil(n * 48000 / 44100) * 44100 / 48000) may exceed n by one.
        assertThat(back.length).isBetween(n, n + 1);
        int from = 2 * edge(44_100, 48_000);
        float[] error = new float[n];
        for (int i = 0; i < n; i++) {
            error[i] = back[i] - x[i];
        }
        double errorDb =
                Signals.db(Signals.rms(error, from, n - from) / Signals.rms(x, from, n - from));
        assertThat(errorDb).as("round-trip error relative to the signal, dB").isLessThan(-70);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 44100, input sample rate 0 Hz is out of range; expected 1..384000 Hz",
        "-8000, 44100, input sample rate -8000 Hz is out of range; expected 1..384000 Hz",
        "44100, 384001, output sample rate 384001 Hz is out of range; expected 1..384000 Hz"
    })
    void rateOutOfRangeIsRejectedSayingWhichAndWhatIsAllowed(int in, int out, String message) {
        assertThatThrownBy(() -> Resampler.resample(new float[10], in, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> new StreamingResampler(in, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void ratioTooFineForAFilterBankIsRejected() {
        assertThatThrownBy(() -> Resampler.resample(new float[10], 384_000, 383_999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ratio 383999/384000 needs a filter bank of ")
                .hasMessageEndingWith("use rates with a larger common divisor");
    }
}
