package dev.scenes.pipeline.job;

import dev.scenes.pipeline.decode.ValidChunk;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The job's notion of time: a chunk's event time is the time of its first sample, and the watermark
 * trails the latest chunk seen by a bounded out-of-orderness.
 *
 * <p>Watermarks are assigned right after validation, not at the source: a record's time is known
 * only once its bytes are decoded, and a damaged record has none. The price is that the watermark
 * is tracked per source subtask, not per Kafka partition, so when one subtask reads several
 * partitions that lag each other (catching up after a restart), the lag counts as out-of-orderness.
 * Running the source with as many subtasks as {@code audio-chunks} has partitions avoids that.
 * (Moving decoding into the Kafka deserializer would give per-partition watermarks, but the source
 * would then emit a union of chunks and dead letters whose dead letters have no event time.)
 */
public final class EventTime {

    private EventTime() {}

    /**
     * Timestamps from {@link ValidChunk#startMicros()} (in milliseconds) and watermarks {@code
     * outOfOrderness} behind the latest; a subtask that sees no chunk for {@code idleness} is
     * marked idle so that it does not hold time back for the others ({@link Duration#ZERO}: never).
     */
    public static WatermarkStrategy<ValidChunk> chunks(Duration outOfOrderness, Duration idleness) {
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException(
                    "out-of-orderness is " + outOfOrderness + "; expected zero or more");
        }
        if (idleness.isNegative()) {
            throw new IllegalArgumentException(
                    "idleness is " + idleness + "; expected zero (off) or more");
        }
        WatermarkStrategy<ValidChunk> strategy =
                WatermarkStrategy.<ValidChunk>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner((chunk, kafkaTimestamp) -> chunk.eventTimeMillis());
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }

    /**
     * For a stream that is not event-time data (model releases) but is connected to one: its
     * watermark is always the maximum, so that the connected operator's time (the minimum of its
     * inputs) is the chunks' time alone. Without it the classifier's event-time timers would never
     * fire. Releases apply in arrival order, so nothing is lost by giving them no time.
     */
    public static <T> WatermarkStrategy<T> neverHoldsBackTime() {
        return context -> new AlwaysMax<>();
    }

    private static final class AlwaysMax<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
