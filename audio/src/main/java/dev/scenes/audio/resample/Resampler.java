package dev.scenes.audio.resample;

import java.util.Objects;

/**
 * Resamples a whole signal between any two rates in 1..384000 Hz whose reduced ratio is not too
 * fine (every pair of 8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000 Hz
 * works).
 *
 * <p>The output has {@code ceil(n * outRate / inRate)} samples and sample k is the band-limited
 * input at time {@code k / outRate}: no delay, the signal is taken as zero outside the input, so
 * the first and last few milliseconds carry the filter's edge transient. Equal rates return a copy.
 * The result is bit-identical to feeding the same input through a {@link StreamingResampler} in
 * chunks of any size and flushing it. See {@link ResamplerDesign} for the filter. Thread-safe.
 */
public final class Resampler {

    /** Lowest accepted sample rate in Hz. */
    public static final int MIN_RATE = 1;

    /** Highest accepted sample rate in Hz. */
    public static final int MAX_RATE = 384_000;

    private Resampler() {}

    /**
     * Resamples {@code input} from {@code inputRate} to {@code outputRate}.
     *
     * @return a new array of {@link #outputLength(long, int, int)} samples
     * @throws IllegalArgumentException if a rate is outside {@value #MIN_RATE}..{@value #MAX_RATE}
     *     Hz or their ratio needs too large a filter bank
     */
    public static float[] resample(float[] input, int inputRate, int outputRate) {
        Objects.requireNonNull(input, "input");
        checkRates(inputRate, outputRate);
        if (inputRate == outputRate) {
            return input.clone();
        }
        PolyphaseFilterBank bank = bank(inputRate, outputRate);
        int half = bank.half();
        // The same zero history in front and zero tail behind that the streaming form uses, so
        // that both run the identical sequence of dot products.
        float[] padded = new float[half - 1 + input.length + half];
        System.arraycopy(input, 0, padded, half - 1, input.length);
        float[] output = new float[toIntLength(outputLength(input.length, inputRate, outputRate))];
        int up = bank.up();
        int down = bank.down();
        int start = 0;
        int phase = 0;
        for (int k = 0; k < output.length; k++) {
            output[k] = bank.apply(padded, start, phase);
            phase += down;
            start += phase / up;
            phase %= up;
        }
        return output;
    }

    /** {@code ceil(inputLength * outputRate / inputRate)}: how many samples the output has. */
    public static long outputLength(long inputLength, int inputRate, int outputRate) {
        checkRates(inputRate, outputRate);
        if (inputLength < 0) {
            throw new IllegalArgumentException("inputLength is " + inputLength + "; expected >= 0");
        }
        int gcd = gcd(inputRate, outputRate);
        long up = outputRate / gcd;
        long down = inputRate / gcd;
        return (inputLength * up + down - 1) / down;
    }

    /** The filter used between these rates (for identical rates, a one-tap pass-through). */
    public static ResamplerDesign design(int inputRate, int outputRate) {
        checkRates(inputRate, outputRate);
        if (inputRate == outputRate) {
            return new ResamplerDesign(
                    inputRate,
                    outputRate,
                    1,
                    1,
                    1,
                    0,
                    inputRate / 2.0,
                    inputRate / 2.0,
                    Double.POSITIVE_INFINITY);
        }
        PolyphaseFilterBank bank = bank(inputRate, outputRate);
        double stopbandHz = bank.stopbandCyclesPerInput() * inputRate;
        return new ResamplerDesign(
                inputRate,
                outputRate,
                bank.up(),
                bank.down(),
                bank.taps(),
                bank.beta(),
                PolyphaseFilterBank.PASSBAND_FRACTION * stopbandHz,
                stopbandHz,
                PolyphaseFilterBank.ATTENUATION_DB);
    }

    static PolyphaseFilterBank bank(int inputRate, int outputRate) {
        int gcd = gcd(inputRate, outputRate);
        return PolyphaseFilterBank.forRatio(outputRate / gcd, inputRate / gcd);
    }

    static void checkRates(int inputRate, int outputRate) {
        checkRate("input", inputRate);
        checkRate("output", outputRate);
    }

    private static void checkRate(String which, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException(
                    which
                            + " sample rate "
                            + rate
                            + " Hz is out of range; expected "
                            + MIN_RATE
                            + ".."
                            + MAX_RATE
                            + " Hz");
        }
    }

    private static int toIntLength(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "output of " + length + " samples does not fit in one array");
        }
        return (int) length;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
