package dev.scenes.audio.synth;

import java.util.Objects;

/**
 * What {@link DatasetGenerator} writes: size, seed, format, difficulty knobs and split rules.
 *
 * @param clipsPerScene device-a segments per scene (train and evaluation together), >= 2
 * @param seed all randomness of the dataset; the same spec gives the same bytes
 * @param bitDepth 16 or 24 (PCM WAV)
 * @param knobs difficulty knobs
 * @param segmentsPerLocation how many 10-second segments come from one location (TAU: many)
 * @param evaluationShare share of each scene's locations held out for evaluation, 0.1..0.7
 * @param trainDeviceShare share of training segments also rendered on each of b, c, s1, s2, s3
 *     (TAU: about 0.07; every such device gets at least one segment per scene)
 * @param clipSeconds length of every clip (TAU: 10)
 * @param threads worker threads; the output does not depend on it
 */
public record DatasetSpec(
        int clipsPerScene,
        long seed,
        int bitDepth,
        SynthKnobs knobs,
        int segmentsPerLocation,
        double evaluationShare,
        double trainDeviceShare,
        double clipSeconds,
        int threads) {

    /** Validates the ranges. */
    public DatasetSpec {
        Objects.requireNonNull(knobs, "knobs");
        if (clipsPerScene < 2 || clipsPerScene > 100_000) {
            throw new IllegalArgumentException(
                    "clipsPerScene is "
                            + clipsPerScene
                            + "; expected 2..100000 (one location for training, one for"
                            + " evaluation at least)");
        }
        if (bitDepth != 16 && bitDepth != 24) {
            throw new IllegalArgumentException("bitDepth is " + bitDepth + "; expected 16 or 24");
        }
        if (segmentsPerLocation < 1) {
            throw new IllegalArgumentException(
                    "segmentsPerLocation is " + segmentsPerLocation + "; expected >= 1");
        }
        if (!(evaluationShare >= 0.1 && evaluationShare <= 0.7)) {
            throw new IllegalArgumentException(
                    "evaluationShare is " + evaluationShare + "; expected 0.1..0.7");
        }
        if (!(trainDeviceShare >= 0 && trainDeviceShare <= 1)) {
            throw new IllegalArgumentException(
                    "trainDeviceShare is " + trainDeviceShare + "; expected 0..1");
        }
        if (!(clipSeconds >= 1 && clipSeconds <= 60)) {
            throw new IllegalArgumentException(
                    "clipSeconds is " + clipSeconds + "; expected 1..60");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; expected >= 1");
        }
    }

    /**
     * TAU-like defaults for {@code clipsPerScene} and {@code seed}: 16-bit, default knobs, 6
     * segments per location, 30 % of locations for evaluation, 10 % of training segments per
     * parallel device, 10-second clips, one thread per core.
     */
    public static DatasetSpec defaults(int clipsPerScene, long seed) {
        return new DatasetSpec(
                clipsPerScene,
                seed,
                16,
                SynthKnobs.defaults(),
                6,
                0.3,
                0.1,
                10,
                Runtime.getRuntime().availableProcessors());
    }

    /** A copy with another thread count. */
    public DatasetSpec withThreads(int value) {
        return new DatasetSpec(
                clipsPerScene,
                seed,
                bitDepth,
                knobs,
                segmentsPerLocation,
                evaluationShare,
                trainDeviceShare,
                clipSeconds,
                value);
    }
}
