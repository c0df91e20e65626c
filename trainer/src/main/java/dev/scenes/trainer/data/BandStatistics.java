package dev.scenes.trainer.data;

import dev.scenes.trainer.model.Layer;

/**
 * Per-band mean and standard deviation of raw log-mel inputs over a set of clips: the training
 * fold's normalisation, which the exported graph applies as its first layer ({@link
 * Layer.BandNorm}). Sums are accumulated in double over every frame of every clip; a band whose
 * deviation is below {@value #MIN_STD} (a constant band, e.g. above a band limit) gets that floor
 * so normalising never divides by zero.
 */
public final class BandStatistics {

    /** Smallest deviation a band may get. */
    public static final float MIN_STD = 1e-3f;

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
        double[] sum = new double[mels];
        double[] sumSq = new double[mels];
        float[] x = new float[per];
        for (int i = 0; i < inputs.size(); i++) {
            inputs.copy(i, x, 0);
            for (int m = 0; m < mels; m++) {
                double s = 0;
                double s2 = 0;
                for (int t = m * frames, end = t + frames; t < end; t++) {
                    double v = x[t];
                    s += v;
                    s2 += v * v;
                }
                sum[m] += s;
                sumSq[m] += s2;
            }
        }
        double n = (double) inputs.size() * frames;
        float[] mean = new float[mels];
        float[] std = new float[mels];
        for (int m = 0; m < mels; m++) {
            double mu = sum[m] / n;
            double var = Math.max(0, sumSq[m] / n - mu * mu);
            mean[m] = (float) mu;
            std[m] = (float) Math.max(MIN_STD, Math.sqrt(var));
        }
        return new Layer.BandNorm(mean, std);
    }
}
