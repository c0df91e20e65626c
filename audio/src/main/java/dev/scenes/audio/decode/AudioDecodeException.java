package dev.scenes.audio.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file could not be decoded to audio: it is missing, unreadable, not a supported format, or
 * corrupt.
 *
 * <p>The message is always one line of the form {@code "<file>: <problem>"}, fit to be logged as is
 * or shown to a user, e.g. {@code "x.wav: truncated data chunk: header says 882000 bytes, file has
 * 4410"}. It extends {@link IOException} so that a caller that already handles I/O failures of a
 * file handles this too; {@link #problem()} gives the part after the file name.
 */
public final class AudioDecodeException extends IOException {

    private final transient Path file;
    private final String problem;

    /**
     * @param file the file that could not be decoded
     * @param problem what is wrong with it; line breaks are replaced by spaces
     */
    public AudioDecodeException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file the file that could not be decoded
     * @param problem what is wrong with it; line breaks are replaced by spaces
     * @param cause the underlying failure, kept for the stack trace
     */
    public AudioDecodeException(Path file, String problem, Throwable cause) {
        super(file + ": " + oneLine(problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = oneLine(problem);
    }

    /** The file that could not be decoded, as the caller named it. */
    public Path file() {
        return file;
    }

    /** What is wrong with the file, without the file name. */
    public String problem() {
        return problem;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
