package dev.scenes.trainer.evaluate;

/**
 * Headline scores of predictions on a set of clips.
 *
 * @param count clips scored
 * @param accuracy share of clips whose top-1 class is right
 * @param macroAccuracy mean over the classes present of each class's accuracy (the DCASE ranking
 *     metric, insensitive to class imbalance)
 * @param logLoss mean of {@code -ln p(true class)}, each probability clipped to at least {@value
 *     #EPS}
 */
public record Scores(int count, double accuracy, double macroAccuracy, double logLoss) {

    /** Smallest probability a log loss sees. */
    public static final double EPS = 1e-15;

    /** No clips: every score NaN. */
    public static final Scores EMPTY = new Scores(0, Double.NaN, Double.NaN, Double.NaN);

    /** Scores of {@code probs} (one row per clip) against the true classes {@code truth}. */
    public static Scores of(int[] truth, float[][] probs) {
        if (truth.length != probs.length) {
            throw new IllegalArgumentException(
                    truth.length + " true labels but " + probs.length + " predictions");
        }
        if (truth.length == 0) {
            return EMPTY;
        }
        int classes = probs[0].length;
        int[] seen = new int[classes];
        int[] right = new int[classes];
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < truth.length; i++) {
            int top = argmax(probs[i]);
            seen[truth[i]]++;
            if (top == truth[i]) {
                correct++;
                right[truth[i]]++;
            }
            loss -= Math.log(Math.min(1.0, Math.max(EPS, probs[i][truth[i]])));
        }
        double macro = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (seen[c] > 0) {
                macro += (double) right[c] / seen[c];
                present++;
            }
        }
        return new Scores(
                truth.length,
                (double) correct / truth.length,
                macro / present,
                loss / truth.length);
    }

    /** Index of the largest value (the first on ties). */
    public static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
