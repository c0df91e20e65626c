package dev.scenes.audio.resample;

/**
 * The anti-aliasing filter used for one pair of rates, for reports and logs.
 *
 * <p>The resampler evaluates a Kaiser-windowed sinc at the {@code upFactor} fractional positions
 * between input samples. Its passband ends at 90 % and its stopband starts at 100 % of the lower of
 * the two Nyquist frequencies, so nothing that would alias or image reaches the output above the
 * {@link #designAttenuationDb()} level, at the cost of the top 10 % of the band. The window length
 * follows Kaiser's formula for that transition width and attenuation (85 dB, beta 8.41); each
 * polyphase branch is normalised to unit DC gain, so a constant stays exactly constant.
 *
 * <p>Measured on the kernel's spectrum for all 30 pairs of 8, 16, 22.05, 32, 44.1 and 48 kHz:
 * stopband at least 84.7 dB down, passband ripple under 0.0005 dB; 108 taps per output sample when
 * upsampling, about {@code 108 * inRate / outRate} when downsampling (296 for 44.1 to 16 kHz).
 *
 * @param inputRate input sample rate in Hz
 * @param outputRate output sample rate in Hz
 * @param upFactor L = outputRate / gcd
 * @param downFactor M = inputRate / gcd
 * @param tapsPerPhase multiply-adds per output sample
 * @param kaiserBeta the Kaiser window's shape parameter
 * @param passbandEdgeHz highest frequency passed with at most the design ripple
 * @param stopbandEdgeHz lowest frequency attenuated by at least the design attenuation
 * @param designAttenuationDb the stopband attenuation the window was designed for
 */
public record ResamplerDesign(
        int inputRate,
        int outputRate,
        int upFactor,
        int downFactor,
        int tapsPerPhase,
        double kaiserBeta,
        double passbandEdgeHz,
        double stopbandEdgeHz,
        double designAttenuationDb) {

    /** Input samples the output lags behind in the streaming form (half the filter length). */
    public int latencyInputSamples() {
        return tapsPerPhase / 2;
    }
}
