package dev.scenes.pipeline.decode;

import dev.scenes.schema.AudioEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The sample encodings the job accepts, with their size; the wire enum {@link AudioEncoding} also
 * has {@code UNKNOWN}, which the validator rejects, so no stage after it needs to handle it.
 */
public enum SampleEncoding {
    /** Signed 16-bit little-endian PCM; decoded as {@code s / 32768}. */
    PCM_S16LE(2),
    /** IEEE 754 32-bit float, little-endian, nominal range -1..1. */
    FLOAT32LE(4);

    private final int bytesPerSample;

    SampleEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    /** Bytes one sample takes. */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** The job's encoding for a wire encoding, or {@code null} for {@code UNKNOWN} (or null). */
    public static SampleEncoding of(AudioEncoding wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case PCM_S16LE -> PCM_S16LE;
            case FLOAT32LE -> FLOAT32LE;
            case UNKNOWN -> null;
        };
    }

    /** The wire encoding of this encoding. */
    public AudioEncoding toWire() {
        return this == PCM_S16LE ? AudioEncoding.PCM_S16LE : AudioEncoding.FLOAT32LE;
    }

    /**
     * Decodes whole samples of {@code bytes} to floats (PCM scaled to -1..1); trailing bytes that
     * do not make a whole sample are ignored.
     */
    public float[] decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / bytesPerSample];
        if (this == PCM_S16LE) {
            for (int i = 0; i < out.length; i++) {
                out[i] = in.getShort(2 * i) / 32768f;
            }
        } else {
            in.asFloatBuffer().get(out);
        }
        return out;
    }
}
