package dev.scenes.audio.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One audio clip of a TAU-layout dataset, as {@code meta.csv} describes it.
 *
 * @param filename the path relative to the dataset root, as written in the csv files, e.g. {@code
 *     audio/airport-lisbon-1000-40000-a.wav}
 * @param scene the scene label, e.g. {@code airport}
 * @param identifier the recording location, e.g. {@code lisbon-1000}; clips of one location never
 *     straddle train and evaluate in an official fold
 * @param source the {@code source_label}: the recording device ({@code a}, {@code b}, {@code
 *     s1}...) in TAU, a Freesound source in ESC-10
 * @param path where the audio file is: the dataset root resolved against {@code filename}
 */
public record Clip(String filename, String scene, String identifier, String source, Path path) {

    /** Validates the fields; see the record description. */
    public Clip {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
    }

    /** A clip whose file lies at {@code root.resolve(filename)}. */
    public static Clip in(
            Path root, String filename, String scene, String identifier, String source) {
        return new Clip(filename, scene, identifier, source, root.resolve(filename));
    }
}
