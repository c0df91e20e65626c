package dev.scenes.audio.decode;

import java.util.Arrays;
import java.util.Objects;

/**
 * Audio decoded from a file: mono samples at the file's own sample rate.
 *
 * <p>Integer PCM sources are scaled by {@code 1 / 2^(bits-1)} (int16 by 1/32768), so they lie in
 * [-1, 1); floating-point sources (float WAV, Ogg Vorbis) are passed through unclipped, so a source
 * that clips shows values beyond ±1. Multichannel sources are averaged to mono. The record owns
 * {@code samples}: the array is not copied, so do not change it after handing it over; {@link
 * #equals} compares contents.
 *
 * @param samples mono samples, one per frame of the source
 * @param sampleRate the source's sample rate in Hz, > 0
 * @param sourceChannels how many channels the source had before the mix-down, > 0
 * @param sourceFormat a short human-readable description of the source encoding, e.g. {@code "WAV
 *     PCM 24-bit, 2 ch, 48000 Hz"}
 */
public record DecodedAudio(
        float[] samples, int sampleRate, int sourceChannels, String sourceFormat) {

    /** Validates the fields; see the record description. */
    public DecodedAudio {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException(
                    "sampleRate is " + sampleRate + " Hz; expected a positive rate");
        }
        if (sourceChannels <= 0) {
            throw new IllegalArgumentException(
                    "sourceChannels is " + sourceChannels + "; expected at least 1");
        }
    }

    /** The duration in seconds: {@code samples.length / sampleRate}. */
    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedAudio that
                && sampleRate == that.sampleRate
                && sourceChannels == that.sourceChannels
                && sourceFormat.equals(that.sourceFormat)
                && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(samples), sampleRate, sourceChannels, sourceFormat);
    }

    @Override
    public String toString() {
        return "DecodedAudio["
                + samples.length
                + " samples, "
                + String.format(java.util.Locale.ROOT, "%.3f s", durationSeconds())
                + ", from "
                + sourceFormat
                + "]";
    }
}
