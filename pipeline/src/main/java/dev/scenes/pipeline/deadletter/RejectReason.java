package dev.scenes.pipeline.deadletter;

/**
 * Why a record went to {@code audio-chunks-rejected}. {@link #code()} is the stable string written
 * to {@code RejectedChunk.reason}: alert and count on it; new reasons may be added, existing codes
 * never change meaning.
 */
public enum RejectReason {
    /** The bytes are not an Avro single-object record (tombstone, bad header, truncated, ...). */
    UNDECODABLE("undecodable"),
    /**
     * The bytes are a record, but of another type or of a schema version this job does not know.
     */
    WRONG_SCHEMA("wrong-schema"),
    /** The sensor id is empty or only whitespace. */
    BLANK_SENSOR("blank-sensor"),
    /** The encoding is one this job does not know (read as {@code UNKNOWN}). */
    UNKNOWN_ENCODING("unknown-encoding"),
    /** The sample rate lies outside the accepted range. */
    SAMPLE_RATE("sample-rate"),
    /** The chunk has no samples. */
    EMPTY_SAMPLES("empty-samples"),
    /** The samples' length is not a multiple of the sample size. */
    MISALIGNED_SAMPLES("misaligned-samples"),
    /** The chunk is longer or larger than allowed. */
    OVERSIZED_SAMPLES("oversized-samples"),
    /** A float sample is NaN or infinite. */
    NON_FINITE_SAMPLES("non-finite-samples"),
    /** The start time lies before the earliest accepted instant. */
    TIME_TOO_EARLY("time-too-early"),
    /** The start time lies further ahead of the job's clock than the allowed skew. */
    TIME_IN_FUTURE("time-in-future"),
    /** The chunk arrived after its segment had been classified. */
    LATE("late");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code sample-rate}. */
    public String code() {
        return code;
    }
}
