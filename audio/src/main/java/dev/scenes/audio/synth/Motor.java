package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;

/**
 * A vehicle's drive: for a diesel bus, a sawtooth at the engine's firing frequency (idle to ~3x
 * idle with load) through a low-pass, with a chugging noise component; for electric trams and
 * metros, the traction inverter's whine whose pitch is proportional to speed, plus a fixed
 * switching tone while accelerating or braking. Both read a {@link DriveCycle}.
 */
final class Motor extends Layer {

    private static final Wavetable WHINE = new Wavetable(1, 0.5, 0.25);

    private final double fs;
    private final Prng rng;
    private final DriveCycle cycle;
    private final boolean electric;
    private final double gain;
    private final double idleHz;
    private final double hzPerMetrePerSecond;
    private final double carrierHz;
    private final BiquadFilter lowpass;
    private final BiquadFilter chug;
    private double phase;
    private double increment;
    private double carrierPhase;
    private double carrierIncrement;
    private double tone;
    private double toneStep;
    private double carrier;
    private double carrierStep;
    private double noise;
    private double noiseStep;

    Motor(double fs, Prng rng, DriveCycle cycle, boolean electric, double gain, double tilt) {
        this.fs = fs;
        this.rng = rng;
        this.cycle = cycle;
        this.electric = electric;
        this.gain = gain * (electric ? 3.0 : 0.7);
        this.idleHz = rng.uniform(22, 36);
        this.hzPerMetrePerSecond = rng.uniform(40, 110);
        this.carrierHz = rng.uniform(700, 2600);
        this.lowpass = BiquadFilter.lowpass((electric ? 5000 : 500) * tilt, 0.8, fs);
        this.chug = BiquadFilter.bandpass(rng.uniform(150, 400) * tilt, 1.0, fs);
        this.carrierIncrement = carrierHz / fs;
    }

    @Override
    void control(long position) {
        double load = cycle.load(position);
        double accel = Math.abs(cycle.acceleration(position));
        double presence = cycle.presence(position);
        double toneTarget;
        double carrierTarget = 0;
        double noiseTarget;
        if (electric) {
            increment = hzPerMetrePerSecond * cycle.speed(position) / fs;
            toneTarget = load > 0.02 ? (0.15 + 0.6 * accel) * presence : 0;
            carrierTarget = accel > 0 ? 0.12 * presence : 0;
            noiseTarget = 0;
        } else {
            double accelerating = cycle.acceleration(position) > 0 ? 1 : 0;
            increment = idleHz * (1 + 1.2 * load + 0.8 * accelerating) / fs;
            toneTarget = (0.6 + 0.5 * accelerating + 0.3 * load) * presence;
            noiseTarget = toneTarget * 0.5;
        }
        toneStep = (toneTarget * gain - tone) / CONTROL;
        carrierStep = (carrierTarget * gain - carrier) / CONTROL;
        noiseStep = (noiseTarget * gain - noise) / CONTROL;
    }

    @Override
    void block(float[] out, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            phase += increment;
            if (phase >= 1) {
                phase -= 1;
            }
            tone += toneStep;
            carrier += carrierStep;
            noise += noiseStep;
            double s;
            if (electric) {
                s = tone * WHINE.of(phase);
                if (carrier > 0) {
                    carrierPhase += carrierIncrement;
                    if (carrierPhase >= 1) {
                        carrierPhase -= 1;
                    }
                    s += carrier * Sine.of(carrierPhase);
                }
            } else {
                double pulse = 2 * phase - 1;
                s = lowpass.process(tone * pulse) * 2.5;
                // The chug: noise gated by the firing cycle.
                s += chug.process(rng.white() * noise * (phase < 0.3 ? 2.0 : 0.3));
            }
            out[i] += (float) s;
        }
    }
}
