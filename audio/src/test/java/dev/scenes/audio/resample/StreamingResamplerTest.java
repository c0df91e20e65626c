package dev.scenes.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamingResamplerTest {

    static Stream<Arguments> someRatePairs() {
        return Stream.of(
                Arguments.of(44_100, 48_000),
                Arguments.of(48_000, 44_100),
                Arguments.of(44_100, 16_000),
                Arguments.of(8_000, 44_100),
                Arguments.of(22_050, 16_000),
                Arguments.of(16_000, 8_000));
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("someRatePairs")
    void randomChunkingGivesExactlyTheOneShotOutput(int in, int out) {
        float[] x = Signals.whiteNoise(20_000, in);
        float[] expected = Resampler.resample(x, in, out);
        Random random = new Random(out);

        for (int trial = 0; trial < 5; trial++) {
            StreamingResampler streaming = new StreamingResampler(in, out);
            Collector collected = new Collector();
            int at = 0;
            while (at < x.length) {
                int size = randomChunkSize(random, x.length - at);
                collected.add(streaming.process(x, at, size));
                at += size;
            }
            collected.add(streaming.flush());

            assertIdentical(collected.toArray(), expected);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("someRatePairs")
    void eachOutputIsEmittedAsSoonAsItsLastInputArrives(int in, int out) {
        StreamingResampler streaming = new StreamingResampler(in, out);
        ResamplerDesign design = streaming.design();
        int half = design.latencyInputSamples();
        long emitted = 0;
        for (int received = 1; received <= 5_000; received++) {
            emitted += streaming.process(new float[] {0.1f}).length;

            // Output k sits at input position k*M/L and needs inputs up to floor(k*M/L) + half.
            long ready =
                    Math.max(
                            0,
                            Math.floorDiv(
                                            ((long) received - half) * design.upFactor() - 1,
                                            design.downFactor())
                                    + 1);
            assertThat(emitted).as("outputs after %d inputs", received).isEqualTo(ready);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("someRatePairs")
    void snapshotRestoredElsewhereContinuesTheStreamExactly(int in, int out) {
        float[] x = Signals.whiteNoise(12_345, 11);
        float[] expected = Resampler.resample(x, in, out);
        StreamingResampler first = new StreamingResampler(in, out);
        Collector collected = new Collector();
        collected.add(first.process(x, 0, 5_001));

        ResamplerState state = first.snapshot();
        StreamingResampler second = StreamingResampler.restore(state);
        collected.add(second.process(x, 5_001, x.length - 5_001));
        collected.add(second.flush());

        assertIdentical(collected.toArray(), expected);
        assertThat(state.history().length)
                .as("state holds less than one filter length of input")
                .isLessThan(first.design().tapsPerPhase());
    }

    @Test
    void flushStartsANewStream() {
        float[] x = Signals.whiteNoise(3_000, 2);
        StreamingResampler streaming = new StreamingResampler(32_000, 44_100);

        Collector firstRun = new Collector();
        firstRun.add(streaming.process(x));
        firstRun.add(streaming.flush());
        Collector secondRun = new Collector();
        secondRun.add(streaming.process(x));
        secondRun.add(streaming.flush());

        assertThat(secondRun.toArray()).containsExactly(firstRun.toArray());
        assertThat(streaming.snapshot())
                .isEqualTo(new StreamingResampler(32_000, 44_100).snapshot());
    }

    @Test
    void equalRatesPassChunksThrough() {
        StreamingResampler streaming = new StreamingResampler(16_000, 16_000);

        assertThat(streaming.process(new float[] {1, 2, 3}, 1, 2)).containsExactly(2, 3);
        assertThat(streaming.flush()).isEmpty();
        assertThat(streaming.snapshot().history()).isEmpty();
    }

    @Test
    void restoreRejectsAStateThatNoResamplerCouldHaveMade() {
        assertThatThrownBy(
                        () ->
                                StreamingResampler.restore(
                                        new ResamplerState(44_100, 48_000, 160, new float[200])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state for 44100 -> 48000 Hz has phase 160; expected 0..159");
        assertThatThrownBy(
                        () ->
                                StreamingResampler.restore(
                                        new ResamplerState(44_100, 48_000, 0, new float[3])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "state for 44100 -> 48000 Hz has 3 history samples; expected at least 53");
    }

    private static void assertIdentical(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(Arrays.mismatch(actual, expected)).as("first sample that differs").isEqualTo(-1);
    }

    private static int randomChunkSize(Random random, int remaining) {
        int size =
                switch (random.nextInt(4)) {
                    case 0 -> 1;
                    case 1 -> random.nextInt(3);
                    case 2 -> random.nextInt(300);
                    default -> random.nextInt(5_000);
                };
        return Math.min(size, remaining);
    }

    /** Concatenates the outputs of successive calls. */
    private static final class Collector {
        private float[] all = new float[1024];
        private int length;

        void add(float[] part) {
            if (length + part.length > all.length) {
                all = Arrays.copyOf(all, Math.max(2 * all.length, length + part.length));
            }
            System.arraycopy(part, 0, all, length, part.length);
            length += part.length;
        }

        float[] toArray() {
            return Arrays.copyOf(all, length);
        }
    }
}
