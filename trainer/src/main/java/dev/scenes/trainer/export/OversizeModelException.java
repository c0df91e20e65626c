package dev.scenes.trainer.export;

/** Thrown when a model exceeds the DCASE 2021 size limit and no override was given. */
public final class OversizeModelException extends IllegalStateException {

    /** An exception with a message that says the size, the limit and what to do. */
    public OversizeModelException(String message) {
        super(message);
    }
}
