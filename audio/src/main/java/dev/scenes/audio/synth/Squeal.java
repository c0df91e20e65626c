package dev.scenes.audio.synth;

/**
 * Wheel squeal on curves and brake squeal near stops: a high tone (1.5-7 kHz, with its octave) with
 * vibrato and a wobbling amplitude, for a second or a few.
 */
final class Squeal extends Layer {

    private final double fs;
    private final Prng rng;
    private final DriveCycle cycle;
    private final double gain;
    private final double curveProbability;
    private final double baseHz;
    private long left;
    private double phase;
    private double increment;
    private double vibratoPhase;
    private double vibratoRate;
    private double amplitude;
    private double current;
    private double step;

    /**
     * @param curvesPerMinute mean curve squeals per minute while moving
     */
    Squeal(double fs, Prng rng, DriveCycle cycle, double curvesPerMinute, double gain) {
        this.fs = fs;
        this.rng = rng;
        this.cycle = cycle;
        this.gain = gain * 2.4;
        this.curveProbability = curvesPerMinute * Layer.CONTROL / (60 * fs);
        this.baseHz = rng.uniform(1500, 7000);
    }

    @Override
    void control(long position) {
        double v = cycle.speed(position);
        boolean braking = cycle.phase(position) == DriveCycle.Phase.BRAKING && v < 4;
        if (left <= 0
                && ((v > 3 && rng.uniform() < curveProbability)
                        || (braking && rng.uniform() < 0.002))) {
            left = (long) (rng.uniform(0.7, 4) * fs);
            increment = baseHz * rng.uniform(0.85, 1.15) / fs;
            vibratoRate = rng.uniform(3, 9) * CONTROL / fs;
            amplitude = rng.uniform(0.3, 1) * cycle.presence(position);
        }
        double target = 0;
        if (left > 0) {
            left -= CONTROL;
            vibratoPhase += vibratoRate;
            target = amplitude * (0.7 + 0.3 * Sine.of(vibratoPhase * 0.37)) * gain;
        }
        step = (target - current) / CONTROL;
    }

    @Override
    void block(float[] out, int off, int n) {
        if (current <= 0 && step <= 0) {
            current = 0;
            return;
        }
        double vib = 1 + 0.004 * Sine.of(vibratoPhase);
        for (int i = off, end = off + n; i < end; i++) {
            phase += increment * vib;
            if (phase >= 1) {
                phase -= 1;
            }
            current += step;
            out[i] += (float) (current * (Sine.of(phase) + 0.3 * Sine.of(2 * phase)));
        }
    }
}
