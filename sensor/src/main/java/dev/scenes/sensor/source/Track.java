package dev.scenes.sensor.source;

import java.io.IOException;

/** A stretch of mono audio of one sample rate: one file, or a microphone's endless stream. */
public interface Track {

    /** A name for messages, e.g. the file name. */
    String name();

    /** A description of the source format, e.g. {@code "WAV PCM 16-bit, 2 ch, 48000 Hz"}. */
    String format();

    /** Samples per second. */
    int sampleRate();

    /**
     * Reads up to {@code len} samples into {@code buf[off...]}, blocking for a live source.
     *
     * @return how many samples were read (> 0 unless {@code len} is 0), or -1 at the end
     */
    int read(float[] buf, int off, int len) throws IOException;
}
