package dev.scenes.trainer.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}.
 *
 * @param epoch 1-based epoch
 * @param trainLoss mean training loss over the epoch's steps (on augmented batches)
 * @param validationLogLoss multi-class log loss on the validation split (NaN without one)
 * @param validationAccuracy accuracy on the validation split (NaN without one)
 * @param learningRate learning rate at the epoch's last step
 * @param seconds wall time of the epoch including validation
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double validationLogLoss,
        double validationAccuracy,
        double learningRate,
        double seconds) {

    /** The csv header. */
    public static final String HEADER =
            "epoch,train_loss,val_log_loss,val_accuracy,learning_rate,seconds";

    /** The csv line. */
    public String toCsv() {
        return String.format(
                Locale.ROOT,
                "%d,%.6f,%.6f,%.6f,%.8f,%.2f",
                epoch,
                trainLoss,
                validationLogLoss,
                validationAccuracy,
                learningRate,
                seconds);
    }

    /** Parses a line written by {@link #toCsv()}. */
    public static EpochMetrics parse(String line) {
        String[] f = line.split(",");
        if (f.length != 6) {
            throw new IllegalArgumentException(
                    "metrics.csv line '" + line + "' has " + f.length + " fields; expected 6");
        }
        return new EpochMetrics(
                Integer.parseInt(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]));
    }
}
