package dev.scenes.audio.device;

/**
 * The coarse re-quantization that stands in for a device's converter and codec: uniform PCM of
 * {@code bits} bits, or G.711-style mu-law companding (mu = 255) to {@code bits} bits.
 *
 * <p>Full scale is ±1; a uniform quantizer of b bits has step {@code 2^-(b-1)}, a mu-law one is
 * fine near zero and coarse at high levels, like a telephone codec. No dither, so the result is a
 * pure function of the input. Values beyond full scale are left to the clipper.
 *
 * @param bits bits per sample, 2..24, or 0 for no quantization
 * @param muLaw whether the levels are mu-law companded rather than uniform
 */
public record Quantization(int bits, boolean muLaw) {

    /** No quantization: float samples pass through. */
    public static final Quantization NONE = new Quantization(0, false);

    /** Validates the fields; see the record description. */
    public Quantization {
        if (bits != 0 && (bits < 2 || bits > 24)) {
            throw new IllegalArgumentException(
                    "quantization bits is " + bits + "; expected 2..24, or 0 for none");
        }
        if (bits == 0 && muLaw) {
            throw new IllegalArgumentException(
                    "quantization is mu-law with 0 bits; give 2..24 bits or use Quantization.NONE");
        }
    }

    /** Uniform PCM of {@code bits} bits. */
    public static Quantization pcm(int bits) {
        return new Quantization(bits, false);
    }

    /** Mu-law companded to {@code bits} bits. */
    public static Quantization muLaw(int bits) {
        return new Quantization(bits, true);
    }

    /** Whether samples are changed at all. */
    public boolean active() {
        return bits > 0;
    }

    /**
     * Bits divided by {@code severity} (rounded, at least 2, at most 24); severity 0 gives {@link
     * #NONE}.
     */
    Quantization scaled(double severity) {
        if (!active() || severity == 0) {
            return NONE;
        }
        int scaled = (int) Math.round(bits / severity);
        return new Quantization(Math.max(2, Math.min(24, scaled)), muLaw);
    }
}
