package dev.scenes.audio.synth;

import java.util.Objects;

/**
 * A real recording usable as a foreground event: its class label and its samples at the
 * synthesizer's rate, trimmed to the part that sounds and scaled to unit RMS there.
 *
 * @param label the class, e.g. {@code dog_bark}
 * @param source where it came from (file name), for reports
 * @param samples mono samples at 44.1 kHz; owned by the record, not copied
 */
public record EventClip(String label, String source, float[] samples) {

    /** Validates the fields. */
    public EventClip {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(samples, "samples");
        if (samples.length == 0) {
            throw new IllegalArgumentException("event clip " + source + " has no samples");
        }
    }
}
