package dev.scenes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where benchmarks find the shared recordings: {@code -Dscenes.shared.data=DIR} or ../shared/data.
 */
public final class BenchData {

    private BenchData() {}

    /** The shared data folder. */
    public static Path root() {
        String configured = System.getProperty("scenes.shared.data");
        Path root = Paths.get(configured != null ? configured : "../shared/data").toAbsolutePath();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(
                    "shared data not found at "
                            + root
                            + "; run from the project root with ../shared beside it, or pass -Dscenes.shared.data=DIR");
        }
        return root;
    }
}
