package dev.scenes.pipeline.segment;

/**
 * A stretch of one sensor's audio inside one segment, at the rate it was recorded: a whole chunk or
 * the part of a chunk that falls into the segment. Held in keyed state while it waits for the gap
 * before it to be filled, so it is a Flink-serializable record (no Kryo).
 *
 * @param startMicros time of the first sample, microseconds since the epoch
 * @param sampleRate samples per second
 * @param samples mono samples in -1..1; owned by this record, not copied
 */
public record PendingAudio(long startMicros, int sampleRate, float[] samples) {

    /** Time just after the last sample, rounded to the microsecond. */
    public long endMicros() {
        return startMicros + SegmentTimeline.micros(samples.length, sampleRate);
    }
}
