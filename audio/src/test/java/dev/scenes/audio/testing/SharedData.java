package dev.scenes.audio.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real recordings beside the checkout: system property {@code scenes.shared.data} (set
 * by the parent pom's surefire configuration), else {@code ../../shared/data} from the module.
 */
public final class SharedData {

    private SharedData() {}

    /** A file or folder under the shared data root; fails loudly if the root is missing. */
    public static Path path(String relative) {
        String configured = System.getProperty("scenes.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(
                    "shared data folder "
                            + root.toAbsolutePath().normalize()
                            + " not found; set -Dscenes.shared.data to the shared/data folder");
        }
        return root.resolve(relative);
    }
}
