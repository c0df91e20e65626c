package dev.scenes.audio.dataset;

import java.util.List;

/**
 * What a lenient bulk load did: how many clips it loaded and which it skipped, and why.
 *
 * @param loaded clips decoded and handed on
 * @param skipped clips that could not be loaded, in the order met
 */
public record LoadReport(int loaded, List<Skipped> skipped) {

    /** One clip that was skipped, with the decoder's one-line reason. */
    public record Skipped(Clip clip, String reason) {}

    /** Copies the list. */
    public LoadReport {
        skipped = List.copyOf(skipped);
    }

    /** How many clips were skipped. */
    public int skippedCount() {
        return skipped.size();
    }

    /** One line for a log: {@code "loaded 396 clips, skipped 2 (first: x.wav: no such file)"}. */
    public String summary() {
        return "loaded "
                + loaded
                + " clips, skipped "
                + skipped.size()
                + (skipped.isEmpty() ? "" : " (first: " + skipped.get(0).reason() + ")");
    }
}
