package dev.scenes.pipeline.infer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The model the job starts with, before any release arrives on {@code scene-models}: the bytes of
 * an ONNX file (from {@code --model FILE}, else the bundled default) and where they came from.
 *
 * <p>It travels inside the job graph (Java serialization of the function that holds it), so it
 * carries the bytes, not a path that a TaskManager might not see. The bytes are checked against the
 * model contract when the function opens ({@link SceneModel#load}), not here.
 *
 * @param onnx the complete ONNX file
 * @param description where it came from, for logs and errors (e.g. {@code file models/v3.onnx})
 */
public record InitialModel(byte[] onnx, String description) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Classpath location of the bundled default model. */
    public static final String BUNDLED_RESOURCE = "/models/default/model.onnx";

    /** Checks that both parts are present and the bytes are not empty. */
    public InitialModel {
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(description, "description");
        if (onnx.length == 0) {
            throw new IllegalArgumentException("initial model " + description + " is empty");
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException if it does not exist or cannot be read, naming it
     */
    public static InitialModel fromFile(Path file) {
        try {
            return new InitialModel(Files.readAllBytes(file), "file " + file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "model file " + file + " does not exist; pass an ONNX file with --model", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": " + e, e);
        }
    }

    /**
     * The default model bundled in the job jar at {@value #BUNDLED_RESOURCE}.
     *
     * @throws IllegalStateException if the jar has none
     */
    public static InitialModel bundled() {
        try (InputStream in = InitialModel.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "no bundled default model on the classpath at "
                                + BUNDLED_RESOURCE
                                + "; pass --model FILE, or train one and rebuild the pipeline so"
                                + " that models/default/model.onnx is packaged");
            }
            return new InitialModel(in.readAllBytes(), "bundled " + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled model " + BUNDLED_RESOURCE, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitialModel m
                && Arrays.equals(onnx, m.onnx)
                && description.equals(m.description);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(onnx) + description.hashCode();
    }

    @Override
    public String toString() {
        return "InitialModel[" + description + ", " + onnx.length + " bytes]";
    }
}
