package dev.scenes.pipeline.segment;

/**
 * Quality flags of a {@code SceneEvent}; {@link #name()} is the string written to its {@code
 * flags}. Consumers must ignore flags they do not know, so flags may be added.
 */
public enum SceneFlag {
    /** More than 1 ms of the segment had no audio and was filled with silence. */
    GAPS,
    /** More than the configured share of received samples reached the clip level. */
    CLIPPED,
    /** The received audio's RMS lies below the configured silence level. */
    SILENT,
    /** Some of the segment's audio was resampled to the model's frontend rate. */
    RESAMPLED,
    /** Chunks of this sensor arrived after their segment was closed since its last event. */
    LATE_DATA,
    /** Coverage is below the configured minimum: the scene is {@code unknown}, not guessed. */
    LOW_COVERAGE,
    /**
     * The model the segment started under can no longer be opened (its release was pruned or fails
     * to load after a restore): the scene is {@code unknown}.
     */
    MODEL_UNAVAILABLE
}
