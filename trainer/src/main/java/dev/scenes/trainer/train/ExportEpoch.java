package dev.scenes.trainer.train;

import java.util.Locale;

/**
 * Which epoch's weights a run exports: the one with the lowest validation log loss, or the last.
 *
 * <p>The validation split holds out locations of the training fold, so its devices are those of
 * training (mostly device a in a TAU-layout set). With strong device augmentation its log loss
 * bottoms out early while robustness to unseen devices keeps improving; {@link #LAST} exports the
 * fully trained weights instead (docs/MODEL.md has the measurements).
 */
public enum ExportEpoch {
    /** The epoch with the lowest validation log loss (the last one without validation data). */
    BEST,
    /** The last epoch trained. */
    LAST;

    /** The command-line spelling: {@code best} or {@code last}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code best} or {@code last}.
     *
     * @throws IllegalArgumentException with a one-line message naming the accepted values
     */
    public static ExportEpoch parse(String text) {
        for (ExportEpoch e : values()) {
            if (e.option().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                "--export-epoch is '" + text + "'; expected best or last");
    }
}
