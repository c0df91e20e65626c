package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;

/**
 * A voice-like source: a glottal sawtooth with intonation, shaped by two formant resonators that
 * jump to a new vowel every syllable, with a noise burst at syllable onsets for consonants, and
 * talk spurts separated by pauses.
 *
 * <p>Not a layer: {@link Babble} runs many of them at a quarter of the sample rate, {@link
 * Announcements} runs one at the full rate. {@link #control} must be called every {@link
 * Layer#CONTROL} samples of the voice's own rate.
 */
final class Voice {

    /** F1, F2 of six vowels (i, e, a, o, u, schwa) for an adult male vocal tract, in Hz. */
    private static final double[][] VOWELS = {
        {270, 2290}, {530, 1840}, {730, 1090}, {570, 840}, {300, 870}, {500, 1500}
    };

    private final double fs;
    private final Prng rng;
    private final double f0;
    private final double tract;
    private final double syllableSeconds;
    private final double spurtSeconds;
    private final double pauseSeconds;
    private final BiquadFilter f1;
    private final BiquadFilter f2;
    private double phase;
    private double increment;
    private double envelope;
    private double envelopeTarget;
    private double fricative;
    private double intonation;
    private long syllableLeft;
    private long spurtLeft;
    private long pauseLeft;
    private final double attack;
    private final double fricativeDecay;

    /**
     * @param f0 mean pitch in Hz (100 for a low male voice, 220 for a child)
     * @param tract formant scale (1 male, 1.15 female, 1.3 child)
     * @param syllableSeconds mean syllable duration
     * @param spurtSeconds mean duration of a stretch of talking
     * @param pauseSeconds mean duration of silence between stretches
     */
    Voice(
            double fs,
            Prng rng,
            double f0,
            double tract,
            double syllableSeconds,
            double spurtSeconds,
            double pauseSeconds) {
        this.fs = fs;
        this.rng = rng;
        this.f0 = f0;
        this.tract = tract;
        this.syllableSeconds = syllableSeconds;
        this.spurtSeconds = spurtSeconds;
        this.pauseSeconds = pauseSeconds;
        this.f1 = new BiquadFilter(fs);
        this.f2 = new BiquadFilter(fs);
        this.attack = 1 - Math.exp(-1 / (0.012 * fs));
        this.fricativeDecay = Math.exp(-1 / (0.02 * fs));
        this.phase = rng.uniform();
        this.pauseLeft = (long) (rng.exponential(pauseSeconds) * fs);
        newSyllable();
    }

    private void newSyllable() {
        double[] v = VOWELS[rng.nextInt(VOWELS.length)];
        f1.setBandpass(v[0] * tract * rng.uniform(0.9, 1.1), 3.5);
        f2.setBandpass(v[1] * tract * rng.uniform(0.9, 1.1), 7);
        syllableLeft = (long) (syllableSeconds * rng.uniform(0.5, 1.6) * fs);
        intonation = rng.uniform(-0.12, 0.15);
        fricative = rng.chance(0.6) ? rng.uniform(0.3, 1.0) : 0;
    }

    /** True while the voice is in a talk spurt rather than a pause. */
    boolean talking() {
        return pauseLeft <= 0;
    }

    /** Advances the syllable and turn-taking state by one control period. */
    void control() {
        if (pauseLeft > 0) {
            pauseLeft -= Layer.CONTROL;
            envelopeTarget = 0;
            if (pauseLeft <= 0) {
                spurtLeft = (long) (rng.exponential(spurtSeconds) * fs) + (long) (0.3 * fs);
                newSyllable();
            }
            return;
        }
        syllableLeft -= Layer.CONTROL;
        spurtLeft -= Layer.CONTROL;
        if (syllableLeft <= 0) {
            if (spurtLeft <= 0) {
                pauseLeft = (long) (rng.exponential(pauseSeconds) * fs) + (long) (0.1 * fs);
            } else {
                newSyllable();
            }
        }
        // A syllable is voiced for its first ~75 %, then closes into the next consonant.
        envelopeTarget = syllableLeft > 0.25 * syllableSeconds * fs ? 1 : 0.15;
        double declination = spurtLeft > 0 ? 1 - 0.1 * Math.exp(-spurtLeft / fs) : 0.9;
        increment = f0 * (1 + intonation) * declination / fs;
    }

    /** The next sample; {@code noise} is a white sample in [-1, 1) the caller shares. */
    double next(double noise) {
        phase += increment;
        if (phase >= 1) {
            phase -= 1;
        }
        envelope += (envelopeTarget - envelope) * attack + 1e-25;
        fricative = fricative * fricativeDecay + 1e-25;
        double source = (2 * phase - 1) * envelope + noise * fricative;
        return f1.process(source) + 0.7 * f2.process(source);
    }
}
