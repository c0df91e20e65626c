package dev.scenes.audio.synth;

/**
 * A stationary harmonic tone with a little pitch drift: electrical hum, ventilation fan blade
 * tones, escalator motors.
 */
final class Hum extends Layer {

    private final double fs;
    private final double f0;
    private final Wavetable wave;
    private final Prng rng;
    private final Level level;
    private double phase;
    private double increment;
    private double drift;
    private double current;
    private double step;

    /**
     * @param f0 fundamental in Hz
     * @param amplitudes amplitude of harmonic 1, 2, ...
     */
    Hum(double fs, Prng rng, double f0, Level level, double... amplitudes) {
        this.fs = fs;
        this.f0 = f0;
        this.wave = new Wavetable(amplitudes);
        this.rng = rng;
        this.level = level;
        this.phase = rng.uniform();
    }

    @Override
    void control(long position) {
        drift += (rng.uniform() - 0.5) * 0.02 - drift * 0.002;
        increment = f0 * (1 + 0.01 * drift) / fs;
        step = (level.at(position) - current) / CONTROL;
    }

    @Override
    void block(float[] out, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            phase += increment;
            if (phase >= 1) {
                phase -= 1;
            }
            double s = wave.of(phase);
            current += step;
            out[i] += (float) (s * current);
        }
    }
}
