package dev.scenes.sensor.chunk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The place of one chunk in its sensor's stream.
 *
 * @param seq the chunk's sequence number, +1 per chunk of the sensor
 * @param startMicros time of the first sample, microseconds since the epoch
 * @param endMicros time just after the last sample: the next chunk's {@code startMicros}
 */
public record ChunkStamp(long seq, long startMicros, long endMicros) {

    /** Checks that the chunk does not end before it starts. */
    public ChunkStamp {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException(
                    "chunk "
                            + seq
                            + " ends ("
                            + endMicros
                            + ") before it starts ("
                            + startMicros
                            + ")");
        }
    }

    /** {@link #startMicros} as an instant. */
    public Instant start() {
        return Instant.EPOCH.plus(startMicros, ChronoUnit.MICROS);
    }

    /** {@link #endMicros} as an instant. */
    public Instant end() {
        return Instant.EPOCH.plus(endMicros, ChronoUnit.MICROS);
    }
}
