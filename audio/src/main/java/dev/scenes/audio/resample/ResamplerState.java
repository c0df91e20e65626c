package dev.scenes.audio.resample;

import java.util.Arrays;
import java.util.Objects;

/**
 * A snapshot of a {@link StreamingResampler}, enough to continue the stream elsewhere, e.g. in a
 * Flink keyed state after a restore: {@code StreamingResampler.restore(state)}.
 *
 * <p>It holds only the filter history, at most about one filter length of input samples (a few
 * hundred floats), plus the position of the next output between two inputs. The record owns {@code
 * history}: the array is not copied, so do not change it; {@link #equals} compares contents.
 *
 * @param inputRate input sample rate in Hz
 * @param outputRate output sample rate in Hz
 * @param phase the next output's position after its nearest earlier input, in units of 1/L of an
 *     input sample (0 <= phase < L)
 * @param history input samples not yet fully used, the oldest first
 */
public record ResamplerState(int inputRate, int outputRate, int phase, float[] history) {

    /** Validates the rates and that the fields are present; {@code restore} checks the rest. */
    public ResamplerState {
        Resampler.checkRates(inputRate, outputRate);
        Objects.requireNonNull(history, "history");
        if (phase < 0) {
            throw new IllegalArgumentException("phase is " + phase + "; expected >= 0");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResamplerState that
                && inputRate == that.inputRate
                && outputRate == that.outputRate
                && phase == that.phase
                && Arrays.equals(history, that.history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputRate, outputRate, phase, Arrays.hashCode(history));
    }

    @Override
    public String toString() {
        return "ResamplerState["
                + inputRate
                + " Hz -> "
                + outputRate
                + " Hz, phase "
                + phase
                + ", "
                + history.length
                + " history samples]";
    }
}
