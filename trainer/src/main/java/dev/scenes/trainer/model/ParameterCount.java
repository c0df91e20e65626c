package dev.scenes.trainer.model;

/**
 * How many parameters a network has, split the way Keras reports them.
 *
 * <p>The published DCASE 2021 Task 1a baseline size, 46,246 parameters, is Keras' {@code
 * model.count_params()}: trainable weights plus the batch-norm moving mean and variance (Keras
 * counts four values per batch-norm channel: gamma, beta, moving mean, moving variance). Counting
 * gamma and beta only gives 46,118. {@link #total()} follows Keras so the baseline matches the
 * published figure; the fixed per-band input normalisation is reported apart because the published
 * network normalises outside the model.
 *
 * @param trainable weights, biases, batch-norm gamma and beta
 * @param batchNormStatistics batch-norm running mean and variance (2 per channel)
 * @param fixedNormalisation per-band input mean and standard deviation (2 per mel band)
 */
public record ParameterCount(long trainable, long batchNormStatistics, long fixedNormalisation) {

    /** Zero parameters. */
    public static final ParameterCount NONE = new ParameterCount(0, 0, 0);

    /** Trainable plus batch-norm statistics: Keras' {@code count_params()}. */
    public long total() {
        return trainable + batchNormStatistics;
    }

    /** The sum of both counts, field by field. */
    public ParameterCount plus(ParameterCount other) {
        return new ParameterCount(
                trainable + other.trainable,
                batchNormStatistics + other.batchNormStatistics,
                fixedNormalisation + other.fixedNormalisation);
    }
}
