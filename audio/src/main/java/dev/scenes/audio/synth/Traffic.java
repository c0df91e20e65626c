package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;

/**
 * Passing road vehicles with Doppler shift: each has an engine (a sawtooth at its firing frequency)
 * and tyre noise, both scaled by 1/distance as it drives past on a straight lane, the engine pitch
 * multiplied by {@code c / (c + radial speed)}. Occasional horns.
 */
final class Traffic extends Layer {

    private static final int POOL = 8;
    private static final double SOUND_SPEED = 343;

    private final double fs;
    private final Prng rng;
    private final double probability;
    private final double gain;
    private final double maxDistance;
    private final boolean[] active = new boolean[POOL];
    private final long[] closest = new long[POOL];
    private final double[] speed = new double[POOL];
    private final double[] lateral = new double[POOL];
    private final double[] firing = new double[POOL];
    private final double[] loud = new double[POOL];
    private final double[] phase = new double[POOL];
    private final double[] increment = new double[POOL];
    private final double[] engineGain = new double[POOL];
    private final double[] engineStep = new double[POOL];
    private double tyre;
    private double tyreStep;
    private final BiquadFilter engineFilter;
    private final BiquadFilter tyreFilter;
    private final BiquadFilter tyreLow;
    private final double hornProbability;
    private final double lane;
    private final float[] scratch = new float[CONTROL];
    private final int[] sounding = new int[POOL];
    private long hornLeft;
    private double hornPhase;
    private double hornIncrement;

    /**
     * @param perMinute mean vehicles per minute
     * @param laneMetres closest distance of the nearest lane
     * @param hornsPerMinute mean horn blasts per minute
     */
    Traffic(
            double fs,
            Prng rng,
            double perMinute,
            double laneMetres,
            double gain,
            double hornsPerMinute,
            double tilt) {
        this.fs = fs;
        this.rng = rng;
        this.probability = perMinute * CONTROL / (60 * fs);
        this.gain = gain;
        this.maxDistance = 80;
        this.lane = laneMetres;
        this.engineFilter = BiquadFilter.lowpass(350 * tilt, 0.9, fs);
        this.tyreFilter = BiquadFilter.bandpass(900 * tilt, 0.6, fs);
        this.tyreLow = BiquadFilter.lowpass(3000 * tilt, 0.7, fs);
        this.hornProbability = hornsPerMinute * CONTROL / (60 * fs);
        // Vehicles already on the road when the clip starts.
        double perSecond = perMinute / 60;
        for (int v = 0; v < POOL; v++) {
            if (rng.uniform() < Math.min(0.9, perSecond * 4)) {
                spawn(v, -(long) (rng.uniform(-3, 3) * fs), laneMetres);
            }
        }
    }

    private void spawn(int v, long position, double lane) {
        active[v] = true;
        speed[v] = rng.uniform(7, 17);
        lateral[v] = lane + rng.nextInt(3) * 3.5;
        boolean heavy = rng.chance(0.2);
        firing[v] = heavy ? rng.uniform(25, 45) : rng.uniform(35, 110);
        loud[v] = (heavy ? 2.0 : 1.0) * rng.uniform(0.5, 1.3);
        // Appear far up the road: closest approach after maxDistance / speed seconds.
        closest[v] = position + (long) (maxDistance / speed[v] * fs);
        phase[v] = rng.uniform();
    }

    @Override
    void control(long position) {
        if (rng.uniform() < probability) {
            for (int v = 0; v < POOL; v++) {
                if (!active[v]) {
                    spawn(v, position, lane);
                    break;
                }
            }
        }
        double tyreTarget = 0;
        for (int v = 0; v < POOL; v++) {
            if (!active[v]) {
                engineStep[v] = -engineGain[v] / CONTROL;
                continue;
            }
            double x = speed[v] * (position - closest[v]) / fs;
            if (x > maxDistance) {
                active[v] = false;
                engineStep[v] = -engineGain[v] / CONTROL;
                continue;
            }
            double r = Math.sqrt(x * x + lateral[v] * lateral[v]);
            double radial = speed[v] * x / r;
            double amp = loud[v] * Math.min(1, 4 / r);
            increment[v] = firing[v] * SOUND_SPEED / (SOUND_SPEED + radial) / fs;
            engineStep[v] = (amp * 0.5 - engineGain[v]) / CONTROL;
            tyreTarget += amp * (speed[v] / 12) * (speed[v] / 12);
        }
        tyreStep = (tyreTarget - tyre) / CONTROL;
        if (hornLeft <= 0 && rng.uniform() < hornProbability) {
            hornLeft = (long) (rng.uniform(0.2, 0.9) * fs);
            hornIncrement = rng.uniform(350, 520) / fs;
        }
    }

    @Override
    void block(float[] out, int off, int n) {
        float[] noiseBlock = scratch;
        rng.fillWhite(noiseBlock, n);
        tyreFilter.process(noiseBlock, 0, n);
        tyreLow.process(noiseBlock, 0, n);
        int count = 0;
        for (int v = 0; v < POOL; v++) {
            if (engineGain[v] > 0 || engineStep[v] > 0) {
                sounding[count++] = v;
            }
        }
        for (int i = off, end = off + n; i < end; i++) {
            double engine = 0;
            for (int k = 0; k < count; k++) {
                int v = sounding[k];
                double g = engineGain[v] + engineStep[v];
                if (g <= 0) {
                    engineGain[v] = 0;
                    continue;
                }
                engineGain[v] = g;
                double p = phase[v] + increment[v];
                if (p >= 1) {
                    p -= 1;
                }
                phase[v] = p;
                engine += g * (2 * p - 1);
            }
            tyre += tyreStep;
            double noise = noiseBlock[i - off] * tyre;
            double s = engineFilter.process(engine) * 2.5 + noise * 2.0;
            if (hornLeft > 0) {
                hornLeft--;
                hornPhase += hornIncrement;
                if (hornPhase >= 1) {
                    hornPhase -= 1;
                }
                s +=
                        0.4
                                * (Sine.of(hornPhase)
                                        + 0.5 * Sine.of(3 * hornPhase)
                                        + 0.3 * Sine.of(5 * hornPhase));
            }
            out[i] += (float) (s * gain);
        }
    }
}
