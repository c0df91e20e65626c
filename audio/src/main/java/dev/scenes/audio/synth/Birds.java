package dev.scenes.audio.synth;

/**
 * Bird song: songs arrive at random; each song is a run of frequency-swept chirps (a sine whose
 * pitch glides over the chirp, under a smooth envelope) in the 1.5-8 kHz range, with the species'
 * own pitch, sweep, chirp length and pace.
 */
final class Birds extends Layer {

    private static final int SONGS = 4;

    private final double fs;
    private final Prng rng;
    private final double probability;
    private final double gain;
    private final int[] chirpsLeft = new int[SONGS];
    private final double[] base = new double[SONGS];
    private final double[] sweep = new double[SONGS];
    private final double[] chirpLength = new double[SONGS];
    private final double[] gap = new double[SONGS];
    private final double[] loud = new double[SONGS];
    private final long[] nextChirp = new long[SONGS];
    private final double[] phase = new double[SONGS];
    private final double[] freq = new double[SONGS];
    private final double[] glide = new double[SONGS];
    private final double[] t = new double[SONGS];
    private final double[] dt = new double[SONGS];
    private final double[] amp = new double[SONGS];

    /**
     * @param songsPerMinute mean song arrivals per minute
     */
    Birds(double fs, Prng rng, double songsPerMinute, double gain) {
        this.fs = fs;
        this.rng = rng;
        this.probability = songsPerMinute * CONTROL / (60 * fs);
        this.gain = gain * 6;
        java.util.Arrays.fill(t, 1);
        if (rng.chance(Math.min(0.9, songsPerMinute / 6))) {
            startSong(0, (long) (rng.uniform(0, 2) * fs));
        }
    }

    private void startSong(int s, long position) {
        base[s] = rng.uniform(1800, 6500);
        sweep[s] = rng.uniform(-0.5, 0.6);
        chirpLength[s] = rng.uniform(0.03, 0.16);
        gap[s] = rng.uniform(0.04, 0.25);
        loud[s] = Math.pow(10, -rng.uniform(0, 15) / 20);
        chirpsLeft[s] = 3 + rng.nextInt(14);
        nextChirp[s] = position;
    }

    @Override
    void control(long position) {
        if (rng.uniform() < probability) {
            for (int s = 0; s < SONGS; s++) {
                if (chirpsLeft[s] == 0 && t[s] >= 1) {
                    startSong(s, position);
                    break;
                }
            }
        }
        for (int s = 0; s < SONGS; s++) {
            if (chirpsLeft[s] > 0 && position >= nextChirp[s] && t[s] >= 1 - 1e-9) {
                double length = chirpLength[s] * rng.uniform(0.8, 1.2);
                freq[s] = base[s] * rng.uniform(0.93, 1.07) / fs;
                glide[s] = freq[s] * sweep[s] / (length * fs);
                t[s] = 0;
                dt[s] = 1 / (length * fs);
                amp[s] = loud[s] * rng.uniform(0.6, 1);
                chirpsLeft[s]--;
                nextChirp[s] = position + (long) ((length + gap[s] * rng.uniform(0.7, 1.4)) * fs);
            }
        }
    }

    @Override
    void block(float[] out, int off, int n) {
        for (int s = 0; s < SONGS; s++) {
            if (t[s] >= 1) {
                continue;
            }
            double ph = phase[s], f = freq[s], g = glide[s], tt = t[s], d = dt[s];
            double a = amp[s] * gain;
            for (int i = off, end = off + n; i < end; i++) {
                ph += f;
                if (ph >= 1) {
                    ph -= 1;
                }
                f += g;
                double e = Sine.of(0.5 * tt);
                out[i] += (float) (a * e * e * Sine.of(ph));
                tt += d;
                if (tt >= 1) {
                    break;
                }
            }
            phase[s] = ph;
            freq[s] = f;
            t[s] = Math.min(tt, 1);
        }
    }
}
