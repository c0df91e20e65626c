package dev.scenes.pipeline.health;

/**
 * What one chunk tells about its sensor's health: its time and the few sums the signal judgements
 * need. The validation stage computes it in its one pass over the samples (a side output of {@code
 * ValidateChunks}), so that only these numbers, not the audio, cross the network to {@link
 * SensorHealth} (the audio already crosses once, to the classifier).
 *
 * @param sensorId the sensor, the key of {@link SensorHealth}
 * @param seq the sensor's chunk counter
 * @param startMicros time of the first sample by the sensor's clock, microseconds since the epoch
 * @param durationMicros the chunk's duration
 * @param samples number of samples
 * @param sumSquares sum of the squared samples (full scale 1.0)
 * @param clipped samples whose absolute value reaches the clip level
 */
public record ChunkSummary(
        String sensorId,
        long seq,
        long startMicros,
        long durationMicros,
        int samples,
        double sumSquares,
        int clipped) {

    /** Time just after the last sample by the sensor's clock, microseconds since the epoch. */
    public long endMicros() {
        return startMicros + durationMicros;
    }
}
