package dev.scenes.audio.device;

import java.util.List;
import java.util.Objects;

/**
 * Everything that makes one recording device sound like itself, as plain parameters; {@link
 * DeviceChain} turns a profile into a streaming filter.
 *
 * <p>The chain applies, in this order: the frequency response (high-pass, resonances, tilt,
 * high-frequency roll-off), the sensitivity {@code gainDb}, self-noise, AGC, clipping,
 * quantization, and last the band limit. The band limit comes last because it models a device that
 * recorded at a lower rate and was resampled to the dataset's rate afterwards: everything the
 * device produced, its quantization noise included, lies below the limit.
 *
 * <p>A frequency of 0 switches its filter off; so do {@code selfNoiseDbfs = -Infinity}, {@code
 * clipLevel = +Infinity}, {@link Agc#OFF} and {@link Quantization#NONE}. {@link #TRANSPARENT} has
 * everything off.
 *
 * @param highpassHz low-cut corner (-3 dB) of a 2nd-order Butterworth high-pass, in Hz; 0 = none
 * @param lowpassHz high-frequency roll-off corner (-3 dB) of a 2nd-order Butterworth low-pass, the
 *     gentle fall of a small capsule, in Hz; 0 = none
 * @param resonances peaks and dips of the response
 * @param tiltDbPerOctave broadband tilt, about this many dB per octave between 250 Hz and 8 kHz, 0
 *     dB near 1.4 kHz (two gentle shelves); positive makes the device brighter
 * @param gainDb sensitivity relative to device a, in dB
 * @param selfNoiseDbfs RMS level of the white self-noise added after the gain, in dBFS; -Infinity =
 *     none
 * @param agc automatic gain control
 * @param clipLevel the converter's full scale: samples are hard-clipped to ±clipLevel, in (0, 1],
 *     or +Infinity = no clipping
 * @param quantization coarse re-quantization standing in for converter and codec
 * @param bandLimitHz stopband edge of a steep (8th-order inverse-Chebyshev, >= 50 dB) low-pass, as
 *     if the device recorded at twice this rate; 0 = none
 */
public record DeviceProfile(
        double highpassHz,
        double lowpassHz,
        List<Resonance> resonances,
        double tiltDbPerOctave,
        double gainDb,
        double selfNoiseDbfs,
        Agc agc,
        double clipLevel,
        Quantization quantization,
        double bandLimitHz) {

    /** A device that changes nothing: output equals input. */
    public static final DeviceProfile TRANSPARENT =
            new DeviceProfile(
                    0,
                    0,
                    List.of(),
                    0,
                    0,
                    Double.NEGATIVE_INFINITY,
                    Agc.OFF,
                    Double.POSITIVE_INFINITY,
                    Quantization.NONE,
                    0);

    /** Validates the fields and copies the resonance list; see the record description. */
    public DeviceProfile {
        requireFrequency("highpassHz", highpassHz);
        requireFrequency("lowpassHz", lowpassHz);
        requireFrequency("bandLimitHz", bandLimitHz);
        resonances = List.copyOf(Objects.requireNonNull(resonances, "resonances"));
        requireFinite("tiltDbPerOctave", tiltDbPerOctave);
        requireFinite("gainDb", gainDb);
        if (Double.isNaN(selfNoiseDbfs) || selfNoiseDbfs == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "selfNoiseDbfs is "
                            + selfNoiseDbfs
                            + "; expected a level in dBFS, or -Infinity for none");
        }
        Objects.requireNonNull(agc, "agc");
        if (!(clipLevel > 0 && (clipLevel <= 1 || clipLevel == Double.POSITIVE_INFINITY))) {
            throw new IllegalArgumentException(
                    "clipLevel is " + clipLevel + "; expected (0, 1], or Infinity for none");
        }
        Objects.requireNonNull(quantization, "quantization");
    }

    /**
     * This device made milder or harsher: every deviation from {@link #TRANSPARENT} is scaled by
     * {@code severity}. 0 gives a transparent device, 1 this profile, 2 a device twice as coloured.
     *
     * <p>Concretely: the high-pass corner is multiplied and the roll-off and band-limit corners are
     * divided by {@code severity}; resonance gains, tilt and {@code gainDb} are multiplied; the
     * self-noise amplitude is multiplied (+6 dB at severity 2); AGC strength (capped at 1) and
     * range are multiplied; the clip level becomes {@code clipLevel^severity}; quantization bits
     * are divided (see {@link Quantization}). Filters pushed past 0.45 x the sample rate drop out.
     *
     * @param severity >= 0 and finite
     */
    public DeviceProfile withSeverity(double severity) {
        if (!(severity >= 0) || !Double.isFinite(severity)) {
            throw new IllegalArgumentException(
                    "severity is " + severity + "; expected a finite value >= 0 (1 = as profiled)");
        }
        if (severity == 0) {
            return TRANSPARENT;
        }
        return new DeviceProfile(
                highpassHz * severity,
                lowpassHz / severity,
                resonances.stream().map(r -> r.scaled(severity)).toList(),
                tiltDbPerOctave * severity,
                gainDb * severity,
                selfNoiseDbfs + 20 * Math.log10(severity),
                agc.scaled(severity),
                Double.isInfinite(clipLevel) ? clipLevel : Math.pow(clipLevel, severity),
                quantization.scaled(severity),
                bandLimitHz / severity);
    }

    /**
     * Only the linear, noiseless part of this device: its filters and gain, without self-noise,
     * AGC, clipping or quantization. For measuring and plotting the frequency response.
     */
    public DeviceProfile linearPart() {
        return new DeviceProfile(
                highpassHz,
                lowpassHz,
                resonances,
                tiltDbPerOctave,
                gainDb,
                Double.NEGATIVE_INFINITY,
                Agc.OFF,
                Double.POSITIVE_INFINITY,
                Quantization.NONE,
                bandLimitHz);
    }

    /** This profile with another AGC. */
    public DeviceProfile withAgc(Agc newAgc) {
        return new DeviceProfile(
                highpassHz,
                lowpassHz,
                resonances,
                tiltDbPerOctave,
                gainDb,
                selfNoiseDbfs,
                newAgc,
                clipLevel,
                quantization,
                bandLimitHz);
    }

    /** This profile with another self-noise level in dBFS (-Infinity for none). */
    public DeviceProfile withSelfNoiseDbfs(double level) {
        return new DeviceProfile(
                highpassHz,
                lowpassHz,
                resonances,
                tiltDbPerOctave,
                gainDb,
                level,
                agc,
                clipLevel,
                quantization,
                bandLimitHz);
    }

    private static void requireFrequency(String name, double hz) {
        if (!(hz >= 0) || !Double.isFinite(hz)) {
            throw new IllegalArgumentException(
                    name + " is " + hz + "; expected a frequency in Hz >= 0 (0 = no filter)");
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a finite value");
        }
    }
}
