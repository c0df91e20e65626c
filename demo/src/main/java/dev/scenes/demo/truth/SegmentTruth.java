package dev.scenes.demo.truth;

/**
 * What a sensor really heard over one segment, judged from the chunks that overlap it.
 *
 * @param scene the scene that covers most of the segment's audio, or {@code null} if no recorded
 *     chunk overlaps the segment
 * @param coveredMicros how much of the segment the recorded chunks cover
 * @param lastSentNanos {@link System#nanoTime()} when the last overlapping chunk was handed to
 *     Kafka; 0 if none
 */
public record SegmentTruth(String scene, long coveredMicros, long lastSentNanos) {

    /** No chunk of the segment is known. */
    public static final SegmentTruth UNKNOWN = new SegmentTruth(null, 0, 0);

    /** Whether any chunk of the segment was recorded. */
    public boolean known() {
        return scene != null;
    }
}
