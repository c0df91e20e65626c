package dev.scenes.audio.dataset;

/** The three lists of a cross-validation fold in {@code evaluation_setup/}. */
public enum Split {
    /** {@code foldK_train.csv}: filename and scene label of the training clips. */
    TRAIN("train", true),
    /** {@code foldK_evaluate.csv}: filename and scene label of the held-out clips. */
    EVALUATE("evaluate", true),
    /** {@code foldK_test.csv}: filenames only, the evaluate clips without labels. */
    TEST("test", false);

    private final String suffix;
    private final boolean labelled;

    Split(String suffix, boolean labelled) {
        this.suffix = suffix;
        this.labelled = labelled;
    }

    /** The file name of this split of {@code fold}: {@code "fold1_train.csv"}. */
    public String fileName(int fold) {
        return "fold" + fold + "_" + suffix + ".csv";
    }

    /** Whether the file carries a {@code scene_label} column. */
    public boolean labelled() {
        return labelled;
    }

    /** The file's header line, columns separated by tabs. */
    String header() {
        return labelled ? "filename\tscene_label" : "filename";
    }
}
