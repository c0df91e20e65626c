package dev.scenes.audio.dataset;

import java.io.IOException;

/**
 * A dataset folder does not follow the TAU layout: a csv file is missing, has the wrong header or a
 * malformed line, or a fold names a clip that {@code meta.csv} does not list. The message is one
 * line naming the file (and line) and what to fix.
 */
public final class TauFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file and the problem
     */
    public TauFormatException(String message) {
        super(message);
    }
}
