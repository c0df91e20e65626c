package dev.scenes.demo.run;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Removes the directory ONNX Runtime (1.29) made in {@code java.io.tmpdir} when this JVM loaded its
 * native libraries ({@code onnxruntime-java<random>}).
 *
 * <p>ONNX Runtime marks the extracted libraries, then their directory, for deletion at exit, and
 * the JVM deletes such files in reverse order: the directory first, while it still holds the
 * libraries, so it stays behind, empty, after every run. This deletes the libraries (loaded
 * already: on Linux a loaded library stays mapped after its file is gone) and the directory. Only
 * this JVM's own directory is touched: ONNX Runtime keeps its path in a static field.
 */
final class OnnxRuntimeTempDir {

    private OnnxRuntimeTempDir() {}

    /** Deletes this JVM's ONNX Runtime directory and the libraries in it, if it exists. */
    static void deleteLoaded() throws IOException {
        Path dir = directory();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && f.getFileName().toString().endsWith(".so")) {
                    Files.deleteIfExists(f);
                }
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // Something else in it: left to ONNX Runtime's own exit handling.
        }
    }

    private static Path directory() {
        try {
            Class<?> loader =
                    Class.forName(
                            "ai.onnxruntime.OnnxRuntime",
                            false,
                            OnnxRuntimeTempDir.class.getClassLoader());
            Field field = loader.getDeclaredField("tempDirectory");
            field.setAccessible(true);
            Object value = field.get(null);
            return value instanceof Path p ? p : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another ONNX Runtime version, or not loaded: nothing known to clean.
            return null;
        }
    }
}
