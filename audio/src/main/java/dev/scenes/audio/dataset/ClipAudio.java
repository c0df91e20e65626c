package dev.scenes.audio.dataset;

import java.util.Objects;

/**
 * The decoded, mono audio of one {@link Clip} at the rate the caller asked for.
 *
 * <p>The record owns {@code samples}: it is not copied.
 *
 * @param clip the clip
 * @param samples mono samples at {@code sampleRate}
 * @param sampleRate the rate of {@code samples}, in Hz
 * @param sourceRate the file's own rate, in Hz; differs from {@code sampleRate} if resampled
 * @param sourceFormat the file's encoding as the decoder described it
 */
public record ClipAudio(
        Clip clip, float[] samples, int sampleRate, int sourceRate, String sourceFormat) {

    /** Validates the fields; see the record description. */
    public ClipAudio {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
    }

    /** Whether the samples were resampled from the file's rate. */
    public boolean resampled() {
        return sampleRate != sourceRate;
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
