package dev.scenes.trainer.cli;

import dev.scenes.audio.dataset.TauDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which folds a command runs: {@code --fold N} (one fold, output directly in the output directory)
 * or {@code --folds all|1,3,5} (several, each in {@code foldN/} with a cross-validation summary).
 */
final class FoldSelection {

    private FoldSelection() {}

    /** Whether outputs go into per-fold subdirectories. */
    static boolean multi(String folds) {
        return folds != null;
    }

    /** The folds to run. */
    static List<Integer> resolve(Integer fold, String folds, TauDataset data) throws IOException {
        if (folds == null) {
            return List.of(fold == null ? 1 : fold);
        }
        if (fold != null) {
            throw new IllegalArgumentException("give either --fold or --folds, not both");
        }
        List<Integer> available = data.folds();
        if (folds.equalsIgnoreCase("all")) {
            if (available.isEmpty()) {
                throw new IllegalArgumentException(
                        data.root() + " has no fold files in evaluation_setup/");
            }
            return available;
        }
        List<Integer> out = new ArrayList<>();
        for (String f : folds.split(",")) {
            try {
                out.add(Integer.parseInt(f.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--folds " + folds + "; expected 'all' or a list like 1,2,3", e);
            }
        }
        return out;
    }
}
