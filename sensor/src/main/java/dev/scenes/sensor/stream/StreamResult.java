package dev.scenes.sensor.stream;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What one run of a {@link StreamAgent} sent.
 *
 * @param sensorId the sensor
 * @param firstSeq the seq of the first chunk of the run
 * @param nextSeq the seq the next run continues with
 * @param chunks chunks handed to the sink
 * @param audioMicros their total duration
 * @param startMicros the start of the run's first chunk
 * @param endMicros the end of its last chunk (= {@code startMicros} if none)
 * @param stopped whether the run ended on a stop request rather than at the end of the audio
 */
public record StreamResult(
        String sensorId,
        long firstSeq,
        long nextSeq,
        long chunks,
        long audioMicros,
        long startMicros,
        long endMicros,
        boolean stopped) {

    /** {@link #startMicros} as an instant. */
    public Instant start() {
        return Instant.EPOCH.plus(startMicros, ChronoUnit.MICROS);
    }

    /** {@link #endMicros} as an instant. */
    public Instant end() {
        return Instant.EPOCH.plus(endMicros, ChronoUnit.MICROS);
    }
}
