package dev.scenes.audio.synth;

/**
 * Quiet background music of a shop or mall: soft sine-ish chords of a diatonic progression with a
 * bass note, changing every couple of seconds, each chord swelling in and decaying.
 */
final class Music extends Layer {

    private static final int[][] CHORDS = {{0, 4, 7}, {5, 9, 12}, {7, 11, 14}, {9, 12, 16}};

    private static final Wavetable TONE = new Wavetable(1, 0.2);

    private final double fs;
    private final Prng rng;
    private final double gain;
    private final double root;
    private final long chordSamples;
    private final double[] phase = new double[4];
    private final double[] increment = new double[4];
    private double envelope;
    private double decay;
    private long nextChord;

    Music(double fs, Prng rng, double gain) {
        this.fs = fs;
        this.rng = rng;
        this.gain = gain * 4.8;
        this.root = 110 * Math.pow(2, rng.nextInt(12) / 12.0);
        this.chordSamples = (long) (rng.uniform(1.5, 3) * fs);
        this.decay = Math.exp(-1 / (1.2 * fs));
        this.nextChord = (long) (rng.uniform(0, 1) * chordSamples);
    }

    @Override
    void control(long position) {
        if (position >= nextChord) {
            int[] chord = CHORDS[rng.nextInt(CHORDS.length)];
            for (int k = 0; k < 3; k++) {
                increment[k] = root * 2 * Math.pow(2, chord[k] / 12.0) / fs;
            }
            increment[3] = root / 2 * Math.pow(2, chord[0] / 12.0) / fs;
            envelope = 1;
            nextChord = position + chordSamples;
        }
    }

    @Override
    void block(float[] out, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            double s = 0;
            for (int k = 0; k < 4; k++) {
                double p = phase[k] + increment[k];
                if (p >= 1) {
                    p -= 1;
                }
                phase[k] = p;
                s += TONE.of(p);
            }
            envelope = envelope * decay + 1e-25;
            out[i] += (float) (s * envelope * gain * 0.3);
        }
    }
}
