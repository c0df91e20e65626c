package dev.scenes.demo.view;

/**
 * Scored segments and how many of them the model got right.
 *
 * @param scored segments whose truth is known
 * @param correct those whose predicted scene is the true one
 */
public record Tally(long scored, long correct) {

    /** Nothing scored. */
    public static final Tally EMPTY = new Tally(0, 0);

    /** This tally plus one segment. */
    public Tally plus(boolean right) {
        return new Tally(scored + 1, correct + (right ? 1 : 0));
    }

    /** Share of correct segments, NaN when none was scored. */
    public double accuracy() {
        return scored == 0 ? Double.NaN : correct / (double) scored;
    }

    /** {@code 61.3% (46/75)}, or {@code - (0 scored)}. */
    @Override
    public String toString() {
        return scored == 0
                ? "- (0 scored)"
                : String.format(
                        java.util.Locale.ROOT, "%.1f%% (%d/%d)", 100 * accuracy(), correct, scored);
    }
}
