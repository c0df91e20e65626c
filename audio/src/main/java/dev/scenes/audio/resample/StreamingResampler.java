package dev.scenes.audio.resample;

import java.util.Arrays;
import java.util.Objects;

/**
 * Resamples a stream that arrives in chunks of any size, down to one sample, with output
 * bit-identical to {@link Resampler#resample} of the concatenated input.
 *
 * <p>Each output sample is emitted as soon as the inputs it needs have arrived, so the output lags
 * the input by {@link ResamplerDesign#latencyInputSamples()} input samples (about 1.2 ms for 44.1
 * kHz to 48 kHz); {@link #flush()} emits the rest as if the stream were followed by silence and
 * makes the resampler ready for a new stream. The state is that lag's worth of input history and
 * can be taken out with {@link #snapshot()} and put back with {@link #restore}.
 *
 * <p>Not thread-safe: one instance per stream (e.g. per sensor key). The filter bank it uses is
 * shared and immutable.
 */
public final class StreamingResampler {

    private static final int INITIAL_CAPACITY = 4096;
    private static final float[] NONE = new float[0];

    private final int inputRate;
    private final int outputRate;
    private final PolyphaseFilterBank bank;
    private float[] buffer;
    private int start;
    private int end;
    private int phase;

    /**
     * A resampler at the start of a stream.
     *
     * @throws IllegalArgumentException if a rate is outside {@value Resampler#MIN_RATE}..{@value
     *     Resampler#MAX_RATE} Hz or their ratio needs too large a filter bank
     */
    public StreamingResampler(int inputRate, int outputRate) {
        Resampler.checkRates(inputRate, outputRate);
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.bank = inputRate == outputRate ? null : Resampler.bank(inputRate, outputRate);
        reset();
    }

    /**
     * A resampler that continues where the one that gave {@code state} stopped.
     *
     * @throws IllegalArgumentException if the state cannot have come from a resampler for its rates
     */
    public static StreamingResampler restore(ResamplerState state) {
        Objects.requireNonNull(state, "state");
        StreamingResampler resampler =
                new StreamingResampler(state.inputRate(), state.outputRate());
        PolyphaseFilterBank bank = resampler.bank;
        int up = bank == null ? 1 : bank.up();
        int minimumHistory = bank == null ? 0 : bank.half() - 1;
        if (state.phase() >= up) {
            throw new IllegalArgumentException(
                    "state for "
                            + state.inputRate()
                            + " -> "
                            + state.outputRate()
                            + " Hz has phase "
                            + state.phase()
                            + "; expected 0.."
                            + (up - 1));
        }
        if (state.history().length < minimumHistory
                || (bank == null && state.history().length > 0)) {
            throw new IllegalArgumentException(
                    "state for "
                            + state.inputRate()
                            + " -> "
                            + state.outputRate()
                            + " Hz has "
                            + state.history().length
                            + " history samples; expected "
                            + (bank == null ? "none" : "at least " + minimumHistory));
        }
        float[] history = state.history();
        resampler.buffer = Arrays.copyOf(history, Math.max(INITIAL_CAPACITY, 2 * history.length));
        resampler.start = 0;
        resampler.end = history.length;
        resampler.phase = state.phase();
        return resampler;
    }

    /** Resamples the next chunk of the stream; see {@link #process(float[], int, int)}. */
    public float[] process(float[] chunk) {
        return process(chunk, 0, chunk.length);
    }

    /**
     * Resamples the next {@code length} samples of the stream from {@code chunk[offset]}.
     *
     * @return the output samples that these inputs completed, possibly none
     */
    public float[] process(float[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        if (bank == null) {
            return Arrays.copyOfRange(chunk, offset, offset + length);
        }
        append(chunk, offset, length);
        float[] output = emit(end - start - bank.taps());
        compact();
        return output;
    }

    /**
     * Ends the stream: returns the outputs still owed, computed as if silence followed, and resets
     * the resampler to the start of a new stream.
     */
    public float[] flush() {
        if (bank == null) {
            return NONE;
        }
        int inputEnd = end;
        append(new float[bank.half()], 0, bank.half());
        // Outputs still owed are those positioned before the last real input's end.
        float[] output = emit(inputEnd - bank.half() - start);
        reset();
        return output;
    }

    /** A copy of the current state; see {@link ResamplerState}. */
    public ResamplerState snapshot() {
        return new ResamplerState(
                inputRate, outputRate, phase, Arrays.copyOfRange(buffer, start, end));
    }

    /** The input sample rate in Hz. */
    public int inputRate() {
        return inputRate;
    }

    /** The output sample rate in Hz. */
    public int outputRate() {
        return outputRate;
    }

    /** The filter this resampler uses. */
    public ResamplerDesign design() {
        return Resampler.design(inputRate, outputRate);
    }

    /**
     * Emits every output j whose window start, {@code start + floor((phase + j*M) / L)}, is at most
     * {@code start + lastStartOffset}.
     */
    private float[] emit(int lastStartOffset) {
        if (lastStartOffset < 0) {
            return NONE;
        }
        int up = bank.up();
        int down = bank.down();
        long count = (((long) lastStartOffset + 1) * up - phase + down - 1) / down;
        float[] output = new float[(int) count];
        for (int k = 0; k < output.length; k++) {
            output[k] = bank.apply(buffer, start, phase);
            phase += down;
            start += phase / up;
            phase %= up;
        }
        return output;
    }

    private void append(float[] samples, int offset, int length) {
        if (end + length > buffer.length) {
            int pending = end - start;
            float[] target =
                    pending + length <= buffer.length
                            ? buffer
                            : new float[Math.max(2 * buffer.length, pending + length)];
            System.arraycopy(buffer, start, target, 0, pending);
            buffer = target;
            start = 0;
            end = pending;
        }
        System.arraycopy(samples, offset, buffer, end, length);
        end += length;
    }

    /** Keeps the buffer small after a large chunk, since a long-lived stream holds it. */
    private void compact() {
        int pending = end - start;
        if (buffer.length > 4 * INITIAL_CAPACITY && pending <= INITIAL_CAPACITY / 2) {
            buffer = Arrays.copyOfRange(buffer, start, start + INITIAL_CAPACITY);
            start = 0;
            end = pending;
        }
    }

    private void reset() {
        int history = bank == null ? 0 : bank.half() - 1;
        buffer = new float[bank == null ? 0 : Math.max(INITIAL_CAPACITY, 2 * bank.taps())];
        start = 0;
        end = history;
        phase = 0;
    }
}
