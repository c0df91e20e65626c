package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;

/**
 * A background texture: white noise shaped by a cascade of biquads, normalised to unit RMS, with a
 * slow random amplitude modulation (gusts, crowd swell, traffic flow) and an optional level that
 * follows the scene (road noise rising with speed).
 */
final class NoiseBed extends Layer {

    private final Prng rng;
    private final BiquadFilter[] filters;
    private final double norm;
    private final double gain;
    private final double depth;
    private final double changeProbability;
    private final double smoothing;
    private final Level level;
    private double target;
    private double lfo;
    private double current;
    private double step;
    private final float[] scratch = new float[CONTROL];

    /**
     * @param gain RMS of the texture at full level
     * @param depth 0..1 depth of the random amplitude modulation
     * @param rateHz how often the modulation picks a new target
     * @param level a scene-following gain multiplier
     * @param filters the spectral shape, applied in order
     */
    NoiseBed(
            double fs,
            Prng rng,
            double gain,
            double depth,
            double rateHz,
            Level level,
            BiquadFilter... filters) {
        this.rng = rng;
        this.filters = filters;
        this.norm = 1.0 / Math.sqrt(BiquadFilter.powerGain(filters) / 3.0);
        this.gain = gain;
        this.depth = depth;
        this.changeProbability = Math.min(1, rateHz * CONTROL / fs);
        this.smoothing = Math.min(1, 2.5 * rateHz * CONTROL / fs);
        this.level = level;
        this.target = rng.uniform();
        this.lfo = target;
    }

    @Override
    void control(long position) {
        if (rng.uniform() < changeProbability) {
            target = rng.uniform();
        }
        lfo += (target - lfo) * smoothing;
        double next = gain * norm * (1 - depth + depth * 2 * lfo) * level.at(position);
        step = (next - current) / CONTROL;
    }

    @Override
    void block(float[] out, int off, int n) {
        // Filter the whole control block per section: each section's loop keeps its state in
        // registers, several times faster than running the cascade sample by sample.
        float[] s = scratch;
        rng.fillWhite(s, n);
        for (BiquadFilter b : filters) {
            b.process(s, 0, n);
        }
        double c = current;
        double d = step;
        for (int i = 0; i < n; i++) {
            c += d;
            out[off + i] += (float) (s[i] * c);
        }
        current = c;
    }
}
