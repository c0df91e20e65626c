package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;

/**
 * Many overlapping voices at different distances: the crowd of stations, malls and squares.
 *
 * <p>Voices are rendered at a quarter of the sample rate (speech energy lies below 5 kHz) and
 * interpolated up, then low-passed. At most {@value #DISTINCT} voices are synthesised one by one;
 * the rest of a larger crowd becomes a murmur (speech-shaped noise with a syllabic flutter), which
 * is what babble of many talkers converges to. Together this keeps a crowd of 20 as cheap as about
 * two voices at full rate.
 */
final class Babble extends Layer {

    private static final int FACTOR = 4;
    private static final int DISTINCT = 6;

    private final Prng rng;
    private final Voice[] voices;
    private final double[] gains;
    private final BiquadFilter antiImage;
    private final BiquadFilter shape;
    private final Level level;
    private final double gain;
    private final BiquadFilter murmurLow;
    private final BiquadFilter murmurHigh;
    private final double murmur;
    private final double flutterRate;
    private double flutter = 1;
    private double flutterTarget = 1;
    private final float[] scratch = new float[CONTROL];
    private int sub;
    private long subControl;
    private double previous;
    private double latest;
    private double current;
    private double step;

    /**
     * @param voices how many talkers
     * @param gain RMS scale at full level
     * @param brightness 0.5..1.5: cut-off scale of the overall low-pass (distance and room)
     */
    Babble(double fs, Prng rng, int voices, double gain, double brightness, Level level) {
        this.rng = rng;
        int distinct = Math.min(voices, DISTINCT);
        this.voices = new Voice[distinct];
        this.gains = new double[distinct];
        double subRate = fs / FACTOR;
        for (int v = 0; v < distinct; v++) {
            boolean low = rng.chance(0.5);
            double f0 = low ? rng.uniform(90, 140) : rng.uniform(170, 260);
            double tract = low ? rng.uniform(0.95, 1.05) : rng.uniform(1.1, 1.25);
            this.voices[v] =
                    new Voice(
                            subRate,
                            Prng.derive(rng.nextLong(), v),
                            f0,
                            tract,
                            rng.uniform(0.15, 0.25),
                            rng.uniform(1.5, 5),
                            rng.uniform(0.8, 4));
            // Distance: a few near talkers, most far away.
            gains[v] = Math.pow(10, -rng.uniform(0, 14) / 20);
        }
        double norm = 0;
        for (double g : gains) {
            norm += g * g;
        }
        // The murmur stands for the voices beyond DISTINCT, with their share of the power.
        double crowd = Math.max(0, voices - distinct);
        this.murmurLow = BiquadFilter.bandpass(500, 0.8, subRate);
        this.murmurHigh = BiquadFilter.lowpass(2200, 0.7, subRate);
        double murmurNorm = 1 / Math.sqrt(BiquadFilter.powerGain(murmurLow, murmurHigh) / 3);
        double voicePower = norm * 0.5 / (6.0 * 6.0);
        this.murmur = murmurNorm * Math.sqrt(voicePower * crowd / distinct);
        this.flutterRate = 4.0 * CONTROL / subRate;
        this.gain = gain * 6.0 / Math.sqrt(norm * 0.5 * (1 + crowd / distinct));
        this.antiImage = BiquadFilter.lowpass(4800, 0.7, fs);
        this.shape = BiquadFilter.lowpass(3500 * brightness, 0.6, fs);
        this.level = level;
    }

    @Override
    void control(long position) {
        step = (gain * level.at(position) - current) / CONTROL;
    }

    @Override
    void block(float[] out, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            if (sub == 0) {
                if ((subControl++ & (CONTROL - 1)) == 0) {
                    for (Voice v : voices) {
                        v.control();
                    }
                    if (rng.uniform() < flutterRate) {
                        flutterTarget = rng.uniform(0.4, 1.6);
                    }
                }
                double noise = rng.white();
                flutter += (flutterTarget - flutter) * 0.002;
                double s =
                        murmur > 0
                                ? murmurHigh.process(murmurLow.process(noise)) * murmur * flutter
                                : 0;
                for (int v = 0; v < voices.length; v++) {
                    s += gains[v] * voices[v].next(noise);
                }
                previous = latest;
                latest = s;
            }
            scratch[i - off] =
                    (float) (previous + (latest - previous) * (sub + 1) * (1.0 / FACTOR));
            sub = (sub + 1) & (FACTOR - 1);
        }
        antiImage.process(scratch, 0, n);
        shape.process(scratch, 0, n);
        double c = current;
        for (int i = 0; i < n; i++) {
            c += step;
            out[off + i] += (float) (scratch[i] * c);
        }
        current = c;
    }
}
