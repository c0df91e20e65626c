package dev.scenes.trainer.data;

import dev.scenes.trainer.model.Layer;

/**
 * Per-band mean and standard deviation of raw log-mel inputs over a set of clips: the training
 * fold's normalisation, which the exported graph applies as its first layer ({@link
 * Layer.BandNorm}).
 *
 * <p>Digital silence (exact-zero samples, e.g. padding) has the log-mel {@code log(eps)}, about
 * -36, far below any recorded sound (a 16-bit noise floor is above -25). Such values are left out
 * of the statistics (every value at or below {@value #SILENCE_LOG_MEL}), so that they do not
 * inflate each band's deviation and squeeze the actual sound into a fraction of the range; the
 * normalised input is then clamped from below at {@value #NORMALISED_FLOOR}, so silence becomes a
 * value sound rarely reaches (4 deviations below the band mean) instead of an outlier of -10 or
 * less. A band with no value above the silence level falls back to statistics over all values.
 *
 * <p>Sums are accumulated in double over every frame of every clip; a band whose deviation is below
 * {@value #MIN_STD} (a constant band, e.g. above a band limit) gets that floor so normalising never
 * divides by zero.
 */
public final class BandStatistics {

    /** Smallest deviation a band may get. */
    public static final float MIN_STD = 1e-3f;

    /** Raw log-mel values at or below this are digital silence and left out of the statistics. */
    public static final float SILENCE_LOG_MEL = -30f;

    /** Lower clamp of the normalised input. */
    public static final float NORMALISED_FLOOR = -4f;

    private BandStatistics() {}

    /** Statistics of {@code inputs}, each {@code mels * frames} values band-major. */
    public static Layer.BandNorm of(FeatureSet inputs, int mels) {
        if (inputs.size() == 0) {
            throw new IllegalArgumentException("no training clips to compute band statistics from");
        }
        int per = inputs.valuesPerInput();
        if (per % mels != 0) {
            throw new IllegalArgumentException(
                    "inputs have " + per + " values, not a multiple of " + mels + " bands");
        }
        int frames = per / mels;
        // [0]: values above the silence level, [1]: all values.
        double[][] sum = new double[2][mels];
        double[][] sumSq = new double[2][mels];
        long[][] count = new long[2][mels];
        float[] x = new float[per];
        for (int i = 0; i < inputs.size(); i++) {
            inputs.copy(i, x, 0);
            for (int m = 0; m < mels; m++) {
                double s = 0;
                double s2 = 0;
                long n = 0;
                double sAll = 0;
                double s2All = 0;
                for (int t = m * frames, end = t + frames; t < end; t++) {
                    double v = x[t];
                    sAll += v;
                    s2All += v * v;
                    if (v > SILENCE_LOG_MEL) {
                        s += v;
                        s2 += v * v;
                        n++;
                    }
                }
                sum[0][m] += s;
                sumSq[0][m] += s2;
                count[0][m] += n;
                sum[1][m] += sAll;
                sumSq[1][m] += s2All;
                count[1][m] += frames;
            }
        }
        float[] mean = new float[mels];
        float[] std = new float[mels];
        for (int m = 0; m < mels; m++) {
            int k = count[0][m] > 0 ? 0 : 1;
            double n = count[k][m];
            double mu = sum[k][m] / n;
            double var = Math.max(0, sumSq[k][m] / n - mu * mu);
            mean[m] = (float) mu;
            std[m] = (float) Math.max(MIN_STD, Math.sqrt(var));
        }
        return new Layer.BandNorm(mean, std, NORMALISED_FLOOR);
    }
}
