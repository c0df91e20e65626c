package dev.scenes.schema.wire;

/**
 * The bytes handed to {@link WireCodec#decode(byte[])} are not a record of the expected type.
 *
 * <p>This is the only exception decoding throws, whatever the damage, so that a consumer can route
 * bad input to a dead-letter topic with one catch clause: {@link #problem()} is a stable code for
 * the {@code reason} field and {@link #getMessage()} a sentence for the {@code detail} field.
 */
public final class WireFormatException extends RuntimeException {

    /** What kind of damage was found, most basic first. */
    public enum Problem {
        /** No bytes at all: {@code null}, for example a Kafka tombstone. */
        NO_BYTES,
        /** The bytes do not start with the single-object marker {@code C3 01}. */
        BAD_HEADER,
        /** The fingerprint is that of another record type of this build. */
        OTHER_RECORD,
        /** The fingerprint matches no schema this codec was given. */
        UNKNOWN_SCHEMA,
        /** The bytes end before the header or the record is complete. */
        TRUNCATED,
        /** The body is not valid Avro binary for the schema (bad length, index or number). */
        CORRUPT,
        /** A complete record is followed by more bytes. */
        TRAILING_BYTES
    }

    private final Problem problem;

    WireFormatException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    WireFormatException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** Returns the kind of damage, for metrics and dead-letter reason codes. */
    public Problem problem() {
        return problem;
    }
}
