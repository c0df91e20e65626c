package dev.scenes.audio.synth;

/**
 * A door or stop chime motif (two to four notes whose pitches belong to the location: every
 * transport system has its own): rung at random times, or at the stops of a {@link DriveCycle}.
 */
final class Chimes extends Layer {

    private final Bell bell;
    private final double[] motif;
    private final double noteGap;
    private final double gain;
    private final Prng rng;
    private final double probability;
    private final DriveCycle cycle;
    private final double fs;
    private DriveCycle.Phase lastPhase;

    /**
     * @param motif note frequencies in Hz
     * @param perMinute mean random rings per minute (0 = only at stops)
     * @param cycle when not null, rings on arriving at and leaving each stop
     */
    Chimes(double fs, Prng rng, double[] motif, double gain, double perMinute, DriveCycle cycle) {
        this.fs = fs;
        this.bell = new Bell(fs, rng.uniform(0.4, 1.2));
        this.motif = motif;
        this.noteGap = rng.uniform(0.25, 0.6);
        this.gain = gain * 3;
        this.rng = rng;
        this.probability = perMinute * CONTROL / (60 * fs);
        this.cycle = cycle;
    }

    /** A motif of 2..4 notes from a major pentatonic scale around {@code base} Hz. */
    static double[] motif(Prng rng, double base) {
        int[] steps = {0, 2, 4, 7, 9, 12};
        int notes = 2 + rng.nextInt(3);
        double[] m = new double[notes];
        int start = 2 + rng.nextInt(4);
        for (int k = 0; k < notes; k++) {
            m[k] =
                    base
                            * Math.pow(
                                    2,
                                    steps[Math.max(0, start - k * (1 + rng.nextInt(2)) + 6) % 6]
                                            / 12.0);
        }
        return m;
    }

    private void ring(long position) {
        for (int k = 0; k < motif.length; k++) {
            bell.schedule(position + (long) (k * noteGap * fs), motif[k], 1.0);
        }
    }

    @Override
    void control(long position) {
        if (cycle != null) {
            DriveCycle.Phase phase = cycle.phase(position);
            if (lastPhase != null && phase != lastPhase) {
                if (phase == DriveCycle.Phase.STOPPED) {
                    ring(position + (long) (1.5 * fs));
                } else if (phase == DriveCycle.Phase.ACCELERATING) {
                    ring(position);
                }
            }
            lastPhase = phase;
        }
        if (probability > 0 && rng.uniform() < probability) {
            ring(position);
        }
        bell.control(position);
    }

    @Override
    void block(float[] out, int off, int n) {
        bell.add(out, off, n, gain);
    }
}
