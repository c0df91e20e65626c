package dev.scenes.pipeline.decode;

import dev.scenes.schema.AudioEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * The sample encodings the job accepts, with their size; the wire enum {@link AudioEncoding} also
 * has {@code UNKNOWN}, which the validator rejects, so no stage after it needs to handle it.
 */
public enum SampleEncoding {
    /** Signed 16-bit little-endian PCM; decoded as {@code s / 32768}. */
    PCM_S16LE(2),
    /** IEEE 754 32-bit float, little-endian, nominal range -1..1. */
    FLOAT32LE(4);

    /**
     * Largest number of PCM samples whose sum of squares, {@code sum(s^2) / 2^30}, adds up exactly
     * in double precision (partial sums below 2^53 units of 2^-30), so that an integer sum scaled
     * at the end equals the sample-by-sample double sum bit for bit.
     */
    static final int EXACT_PCM_SUM_SAMPLES = 1 << 23;

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

    /**
     * One pass over the whole samples of {@code bytes}, without decoding them to an array: the sum
     * of squares and the clipped samples of the decoded values (exactly what a loop over {@link
     * #decode} would find), and the samples that are not finite.
     *
     * @param clipLevel a sample whose absolute decoded value is at least this counts as clipped
     */
    public SampleStats measure(byte[] bytes, double clipLevel) {
        int n = bytes.length / bytesPerSample;
        if (this == PCM_S16LE && n <= EXACT_PCM_SUM_SAMPLES) {
            // s / 32768f is exact, so its square is s^2 / 2^30 and every partial sum is a multiple
            // of 2^-30 below 2^53 of them: the integer sum is the double sum, and it has no serial
            // dependency on floating-point additions. |s / 32768| >= level is |s| >= level * 32768.
            // And |s| >= level * 32768 is |s| >= ceil(level * 32768) for an integer |s|. The
            // samples are copied in blocks into a short array first, which the loop reads faster
            // than the bytes.
            double clipAt = Math.ceil(clipLevel * 32768.0);
            int clipFrom = Double.isNaN(clipAt) ? Integer.MAX_VALUE : (int) clipAt;
            ShortBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            short[] block = new short[Math.min(n, 4096)];
            long squares = 0;
            int clipped = 0;
            for (int start = 0; start < n; start += block.length) {
                int length = Math.min(block.length, n - start);
                in.get(block, 0, length);
                for (int i = 0; i < length; i++) {
                    int s = block[i];
                    squares += s * s;
                    clipped += Math.abs(s) >= clipFrom ? 1 : 0;
                }
            }
            return new SampleStats(n, squares * 0x1p-30, clipped, 0, -1);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double sumSquares = 0;
        int clipped = 0;
        int nonFinite = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            float v = this == PCM_S16LE ? in.getShort(2 * i) / 32768f : in.getFloat(4 * i);
            if (!Float.isFinite(v)) {
                if (first < 0) {
                    first = i;
                }
                nonFinite++;
            }
            sumSquares += (double) v * v;
            if (Math.abs(v) >= clipLevel) {
                clipped++;
            }
        }
        return new SampleStats(n, sumSquares, clipped, nonFinite, first);
    }
}
