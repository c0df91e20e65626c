package dev.scenes.audio.dataset;

import java.util.List;

/**
 * Which clips one fold puts in each split, by filename; what {@link TauLayoutWriter} writes to
 * {@code evaluation_setup/}. Deciding the assignment (by location, keeping device proportions) is
 * the dataset generator's job.
 *
 * @param fold the fold number, >= 1
 * @param train filenames for {@code foldK_train.csv}
 * @param evaluate filenames for {@code foldK_evaluate.csv}
 * @param test filenames for {@code foldK_test.csv}; empty = no test file is written
 */
public record FoldSplit(int fold, List<String> train, List<String> evaluate, List<String> test) {

    /** Validates the fold number and copies the lists. */
    public FoldSplit {
        if (fold < 1) {
            throw new IllegalArgumentException("fold is " + fold + "; expected a number >= 1");
        }
        train = List.copyOf(train);
        evaluate = List.copyOf(evaluate);
        test = List.copyOf(test);
    }

    /** The filenames of {@code split}. */
    public List<String> files(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case EVALUATE -> evaluate;
            case TEST -> test;
        };
    }
}
