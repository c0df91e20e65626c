package dev.scenes.trainer.train;

import java.util.Random;

/**
 * Freq-MixStyle (Schmid et al., DCASE 2022): with probability {@code probability} per batch, each
 * example's per-band statistics (mean and standard deviation over time) are replaced by a blend of
 * its own and a random batch partner's, {@code lambda ~ Beta(alpha, alpha)}: the example keeps its
 * content but takes on part of another recording's frequency response, which is what a device
 * changes. Applied to raw log-mels, which is equivalent to applying it after the graph's affine
 * band normalisation.
 *
 * @param probability chance that a batch is mixed; 0 switches it off
 * @param alpha Beta parameter of the mixing weight
 */
public record FreqMixStyle(double probability, double alpha) implements Augmentation {

    private static final double EPS = 1e-6;

    /** Checks the settings. */
    public FreqMixStyle {
        if (!(alpha > 0) || !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "Freq-MixStyle probability "
                            + probability
                            + ", alpha "
                            + alpha
                            + "; expected 0 <= probability <= 1 and alpha > 0");
        }
    }

    @Override
    public void apply(Batch b, Random random) {
        if (probability == 0 || b.size < 2 || random.nextDouble() >= probability) {
            return;
        }
        int[] perm = Mixup.permutation(b.size, random);
        double[][] mean = new double[b.size][b.mels];
        double[][] std = new double[b.size][b.mels];
        for (int i = 0; i < b.size; i++) {
            for (int m = 0; m < b.mels; m++) {
                int base = b.offset(i) + m * b.frames;
                double s = 0;
                for (int t = 0; t < b.frames; t++) {
                    s += b.x[base + t];
                }
                double mu = s / b.frames;
                double v = 0;
                for (int t = 0; t < b.frames; t++) {
                    double d = b.x[base + t] - mu;
                    v += d * d;
                }
                mean[i][m] = mu;
                std[i][m] = Math.sqrt(v / b.frames + EPS);
            }
        }
        for (int i = 0; i < b.size; i++) {
            double lambda = BetaSampler.beta(alpha, random);
            int j = perm[i];
            for (int m = 0; m < b.mels; m++) {
                double mu = lambda * mean[i][m] + (1 - lambda) * mean[j][m];
                double sigma = lambda * std[i][m] + (1 - lambda) * std[j][m];
                double scale = sigma / std[i][m];
                int base = b.offset(i) + m * b.frames;
                for (int t = 0; t < b.frames; t++) {
                    b.x[base + t] = (float) ((b.x[base + t] - mean[i][m]) * scale + mu);
                }
            }
        }
    }
}
