package dev.scenes.audio.device;

/**
 * One peak or dip in a device's frequency response: an RBJ-cookbook peaking equaliser, the usual
 * model of a capsule, port or enclosure resonance.
 *
 * @param frequencyHz centre frequency in Hz, > 0; a resonance at or above 0.45 x the sample rate is
 *     left out by {@link DeviceChain}
 * @param gainDb gain at the centre frequency in dB; positive boosts, negative cuts
 * @param q quality factor, > 0: bandwidth is about {@code frequencyHz / q}
 */
public record Resonance(double frequencyHz, double gainDb, double q) {

    /** Validates the fields; see the record description. */
    public Resonance {
        if (!(frequencyHz > 0) || !Double.isFinite(frequencyHz)) {
            throw new IllegalArgumentException(
                    "resonance frequencyHz is " + frequencyHz + "; expected a positive frequency");
        }
        if (!Double.isFinite(gainDb)) {
            throw new IllegalArgumentException(
                    "resonance gainDb is " + gainDb + "; expected a finite gain in dB");
        }
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException(
                    "resonance q is " + q + "; expected a positive quality factor");
        }
    }

    /** This resonance with its gain multiplied by {@code factor}. */
    Resonance scaled(double factor) {
        return new Resonance(frequencyHz, gainDb * factor, q);
    }
}
