package dev.scenes.audio.frontend;

/**
 * A log-mel spectrogram: {@code frames x mels} values, frame-major ({@code values[t * mels + m]}).
 *
 * <p>Frame-major is the order frames are produced in and the order of the {@code .f32} feature
 * files; the model's {@code [1, mels, frames]} input is a transpose of it. The array is shared, not
 * copied: treat it as read-only.
 *
 * @param frames number of frames
 * @param mels number of mel bands per frame
 * @param values {@code frames * mels} values
 */
public record LogMel(int frames, int mels, float[] values) {

    /** Checks that the shape matches the array. */
    public LogMel {
        if (frames < 0 || mels <= 0 || values.length != (long) frames * mels) {
            throw new IllegalArgumentException(
                    "log-mel of "
                            + frames
                            + " x "
                            + mels
                            + " needs "
                            + (long) frames * mels
                            + " values, got "
                            + values.length);
        }
    }

    /** The value of band {@code mel} in frame {@code frame}. */
    public float get(int frame, int mel) {
        return values[frame * mels + mel];
    }

    /** Smallest, mean and largest value, for summaries. */
    public Summary summary() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return new Summary(min, values.length == 0 ? Double.NaN : sum / values.length, max);
    }

    /** Descriptive statistics of all values. */
    public record Summary(float min, double mean, float max) {}
}
