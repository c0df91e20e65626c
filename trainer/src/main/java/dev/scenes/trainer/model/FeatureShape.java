package dev.scenes.trainer.model;

/**
 * The shape of one example's activations between layers: {@code channels x height x width} for
 * feature maps ({@code height} = mel bands, {@code width} = frames), or a flat vector of {@code
 * channels} values after {@link Layer.Flatten} or {@link Layer.GlobalAvgPool}.
 *
 * @param channels channels of a feature map, or the length of a vector
 * @param height rows (frequency); 1 for a vector
 * @param width columns (time); 1 for a vector
 * @param flat whether the activations are a {@code [batch, channels]} vector
 */
public record FeatureShape(int channels, int height, int width, boolean flat) {

    /** Checks that all extents are positive. */
    public FeatureShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "feature shape "
                            + channels
                            + " x "
                            + height
                            + " x "
                            + width
                            + " has an empty extent; a layer shrank its input to nothing"
                            + " (check kernel, stride and padding against the input size)");
        }
        if (flat && (height != 1 || width != 1)) {
            throw new IllegalArgumentException("a flat shape has height and width 1");
        }
    }

    /** A {@code channels x height x width} feature map. */
    public static FeatureShape map(int channels, int height, int width) {
        return new FeatureShape(channels, height, width, false);
    }

    /** A flat vector of {@code length} values. */
    public static FeatureShape vector(int length) {
        return new FeatureShape(length, 1, 1, true);
    }

    /** Number of values per example. */
    public long size() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return flat ? "[" + channels + "]" : "[" + channels + ", " + height + ", " + width + "]";
    }
}
