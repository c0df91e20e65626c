package dev.scenes.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.pipeline.decode.SampleEncoding;
import dev.scenes.pipeline.decode.ValidChunk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** Event time comes from the chunk, not from Kafka; the model stream never holds time back. */
class EventTimeTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    private final List<Long> watermarks = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    watermarks.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    @Test
    void shouldStampChunksWithTheirFirstSampleAndTrailTheLatestByTheBound() {
        var strategy = EventTime.chunks(Duration.ofSeconds(2), Duration.ZERO);
        var assigner = strategy.createTimestampAssigner(new ContextImpl());
        WatermarkGenerator<ValidChunk> generator =
                strategy.createWatermarkGenerator(new ContextImpl());
        ValidChunk late = chunk(T0.plusMillis(1_500).plusNanos(999_000));
        ValidChunk early = chunk(T0);

        long lateStamp = assigner.extractTimestamp(late, 42L);
        long earlyStamp = assigner.extractTimestamp(early, 43L);
        generator.onEvent(late, lateStamp, output);
        generator.onEvent(early, earlyStamp, output);
        generator.onPeriodicEmit(output);

        assertThat(lateStamp).isEqualTo(T0.toEpochMilli() + 1_500);
        assertThat(earlyStamp).isEqualTo(T0.toEpochMilli());
        // Flink's bounded out-of-orderness watermark is max - bound - 1 ms.
        assertThat(watermarks).containsExactly(T0.toEpochMilli() + 1_500 - 2_000 - 1);
    }

    @Test
    void shouldGiveTheModelStreamTheLargestWatermarkWhateverItCarries() {
        WatermarkGenerator<String> generator =
                EventTime.<String>neverHoldsBackTime().createWatermarkGenerator(new ContextImpl());

        generator.onEvent("release v1", 0L, output);
        generator.onPeriodicEmit(output);

        assertThat(watermarks).containsExactly(Long.MAX_VALUE);
    }

    private static ValidChunk chunk(Instant start) {
        long micros = start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000;
        return new ValidChunk(
                "s1",
                "mic",
                1,
                micros,
                16_000,
                SampleEncoding.PCM_S16LE,
                new byte[320],
                null,
                Map.of(),
                "audio-chunks",
                0,
                0);
    }

    private static final class ContextImpl
            implements WatermarkGeneratorSupplier.Context, TimestampAssignerSupplier.Context {
        @Override
        public org.apache.flink.metrics.MetricGroup getMetricGroup() {
            return UnregisteredMetricsGroup.createOperatorMetricGroup();
        }

        @Override
        public org.apache.flink.util.clock.RelativeClock getInputActivityClock() {
            return org.apache.flink.util.clock.SystemClock.getInstance();
        }
    }
}
