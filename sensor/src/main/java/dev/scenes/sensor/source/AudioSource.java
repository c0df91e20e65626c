package dev.scenes.sensor.source;

import java.io.IOException;

/**
 * The audio of a real sensor, track after track (a file, the files of a folder, perhaps again and
 * again, or a microphone's one endless track). Not thread-safe.
 */
public interface AudioSource extends AutoCloseable {

    /**
     * The next track, or {@code null} when there is no more audio.
     *
     * @throws IOException if the next track cannot be opened (e.g. a file does not decode); the
     *     message names it
     */
    Track nextTrack() throws IOException;

    /**
     * Whether the source delivers audio in real time by itself (a microphone): then reading blocks,
     * and the sender must not pace again.
     */
    boolean live();

    /** What the source is, for the start-up line, e.g. {@code "folder clips (3 files)"}. */
    String describe();

    /** Releases the source (the microphone line); never throws. */
    @Override
    void close();
}
