package dev.scenes.sensor.stream;

import java.util.Objects;

/**
 * How {@link StreamAgent} sends: who the sensor is and how audio is cut and paced.
 *
 * @param sensorId the sensor's id (the Kafka key): 1..128 characters, no spaces or control
 *     characters
 * @param device the microphone label put in every chunk
 * @param site where the sensor stands, or {@code null}
 * @param chunkMillis chunk length, 10..10000 ms (the job accepts chunks of at most 10 s); the last
 *     chunk of a file is shorter
 * @param speed 1 = real time (a chunk leaves when its audio would have finished recording), 0 = as
 *     fast as possible; a live source (microphone) paces itself and ignores this
 */
public record StreamSettings(
        String sensorId, String device, String site, int chunkMillis, double speed) {

    /** The shortest chunk. */
    public static final int MIN_CHUNK_MILLIS = 10;

    /** The longest chunk: the job's limit. */
    public static final int MAX_CHUNK_MILLIS = 10_000;

    /** Checks the fields, with messages that name the bad one. */
    public StreamSettings {
        requireSensorId(sensorId);
        Objects.requireNonNull(device, "device");
        requireChunkMillis(chunkMillis);
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(
                    "speed is "
                            + speed
                            + "; expected 0 (as fast as possible) or a positive factor");
        }
    }

    /** Throws if {@code sensorId} is not a usable id, saying why. */
    public static void requireSensorId(String sensorId) {
        Objects.requireNonNull(sensorId, "sensorId");
        if (sensorId.isEmpty() || sensorId.length() > 128) {
            throw new IllegalArgumentException(
                    "sensor id '"
                            + sensorId
                            + "' has "
                            + sensorId.length()
                            + " characters; expected 1..128");
        }
        for (int i = 0; i < sensorId.length(); i++) {
            char c = sensorId.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "sensor id '"
                                + sensorId
                                + "' contains a space or control character; use e.g. letters,"
                                + " digits, '-' and '_'");
            }
        }
    }

    /** Throws if {@code chunkMillis} is outside 10..10000, saying why. */
    public static void requireChunkMillis(int chunkMillis) {
        if (chunkMillis < MIN_CHUNK_MILLIS || chunkMillis > MAX_CHUNK_MILLIS) {
            throw new IllegalArgumentException(
                    "chunk length is "
                            + chunkMillis
                            + " ms; expected "
                            + MIN_CHUNK_MILLIS
                            + ".."
                            + MAX_CHUNK_MILLIS
                            + " ms (the job accepts chunks of at most 10 s)");
        }
    }

    /**
     * Samples in one chunk at {@code sampleRate}: {@code round(rate * chunkMillis / 1000)}, >= 1.
     */
    public int chunkSamples(int sampleRate) {
        return (int) Math.max(1, Math.round(sampleRate * (double) chunkMillis / 1000.0));
    }
}
