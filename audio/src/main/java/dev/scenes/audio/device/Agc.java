package dev.scenes.audio.device;

/**
 * Automatic gain control as phones apply it to voice and video capture: a feed-forward level
 * follower that pulls the signal's envelope toward a target.
 *
 * <p>The envelope follows {@code |x|} with the attack time constant when the signal rises and the
 * release constant when it falls (a peak follower, so the target is a peak-ish level, not RMS). The
 * wanted gain is {@code (target / envelope)^strength}, limited to ±{@code maxGainDb}, and the
 * applied gain glides toward it with the attack constant. {@code strength} 1 levels fully, 0 is no
 * AGC. Slow release makes the gain "breathe" after loud events, the audible mark of phone AGC.
 *
 * @param targetDbfs envelope level the AGC aims at, in dBFS, < 0
 * @param maxGainDb largest boost and largest cut the AGC may apply, in dB, >= 0
 * @param attackMs time constant when the level rises, in ms, > 0
 * @param releaseMs time constant when the level falls, in ms, > 0
 * @param strength fraction of the level error corrected, 0..1
 */
public record Agc(
        double targetDbfs, double maxGainDb, double attackMs, double releaseMs, double strength) {

    /** No gain control at all. */
    public static final Agc OFF = new Agc(-20, 0, 1, 1, 0);

    /** Validates the fields; see the record description. */
    public Agc {
        if (!(targetDbfs < 0) || !Double.isFinite(targetDbfs)) {
            throw new IllegalArgumentException(
                    "agc targetDbfs is " + targetDbfs + "; expected a level below 0 dBFS");
        }
        if (!(maxGainDb >= 0) || !Double.isFinite(maxGainDb)) {
            throw new IllegalArgumentException(
                    "agc maxGainDb is " + maxGainDb + "; expected a finite value >= 0 dB");
        }
        if (!(attackMs > 0) || !(releaseMs > 0)) {
            throw new IllegalArgumentException(
                    "agc attackMs/releaseMs are "
                            + attackMs
                            + "/"
                            + releaseMs
                            + "; expected positive times in ms");
        }
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("agc strength is " + strength + "; expected 0..1");
        }
    }

    /** Whether this AGC changes the signal at all. */
    public boolean active() {
        return strength > 0 && maxGainDb > 0;
    }

    /** Strength and range scaled by {@code severity} (strength capped at 1). */
    Agc scaled(double severity) {
        return new Agc(
                targetDbfs,
                maxGainDb * severity,
                attackMs,
                releaseMs,
                Math.min(1.0, strength * severity));
    }
}
