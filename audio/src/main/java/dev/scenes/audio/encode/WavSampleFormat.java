package dev.scenes.audio.encode;

/**
 * How {@link WavWriter} stores one sample, and how a float in [-1, 1] maps to it.
 *
 * <p>Integer formats scale by {@code 2^(bits-1)} (int16: 32768, the same factor the decoder divides
 * by, so a value {@code k / 32768} survives a round trip exactly), round to nearest with ties to
 * even, and clip to the format's range, so +1.0 becomes 32767. Float formats store the value as is,
 * unclipped.
 */
public enum WavSampleFormat {
    /** 8-bit unsigned PCM, 128 = silence. */
    PCM_U8(8, false),
    /** 16-bit signed little-endian PCM: CD quality, the DCASE datasets' format. */
    PCM_16(16, false),
    /** 24-bit signed little-endian PCM. */
    PCM_24(24, false),
    /** 32-bit signed little-endian PCM. */
    PCM_32(32, false),
    /** 32-bit IEEE float. */
    FLOAT_32(32, true),
    /** 64-bit IEEE float. */
    FLOAT_64(64, true);

    private final int bits;
    private final boolean floatingPoint;

    WavSampleFormat(int bits, boolean floatingPoint) {
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    /** Bits per sample. */
    public int bits() {
        return bits;
    }

    /** Bytes per sample. */
    public int bytes() {
        return bits / 8;
    }

    /** Whether samples are IEEE floats (WAV format tag 3) rather than integers (tag 1). */
    public boolean floatingPoint() {
        return floatingPoint;
    }
}
