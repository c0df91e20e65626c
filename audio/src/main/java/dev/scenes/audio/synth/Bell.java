package dev.scenes.audio.synth;

/**
 * Struck tones with exponentially decaying partials: door chimes, the gong before an announcement,
 * a bus stop-request bell. Notes are queued with a delay and sound when their time comes; at most
 * {@value #SLOTS} partials ring at once (the oldest is replaced).
 */
final class Bell {

    private static final int SLOTS = 12;

    /** Partial ratios and relative amplitudes of an electronic two-tone chime. */
    private static final double[] RATIOS = {1, 2.0, 3.01};

    private static final double[] AMPS = {1, 0.35, 0.12};

    private final double fs;
    private final double[] phase = new double[SLOTS];
    private final double[] increment = new double[SLOTS];
    private final double[] amplitude = new double[SLOTS];
    private final double[] decay = new double[SLOTS];
    private int nextSlot;
    private final long[] pendingAt = new long[8];
    private final double[] pendingFreq = new double[8];
    private final double[] pendingAmp = new double[8];
    private int pending;
    private final double seconds;

    /**
     * @param seconds decay time constant of the fundamental
     */
    Bell(double fs, double seconds) {
        this.fs = fs;
        this.seconds = seconds;
    }

    /** Queues a note at absolute sample {@code at} (rounded to the next control period). */
    void schedule(long at, double frequency, double amp) {
        if (pending < pendingAt.length) {
            pendingAt[pending] = at;
            pendingFreq[pending] = frequency;
            pendingAmp[pending] = amp;
            pending++;
        }
    }

    /** Starts the queued notes that are due at {@code position}. */
    void control(long position) {
        for (int p = 0; p < pending; ) {
            if (pendingAt[p] <= position) {
                strike(pendingFreq[p], pendingAmp[p]);
                pending--;
                pendingAt[p] = pendingAt[pending];
                pendingFreq[p] = pendingFreq[pending];
                pendingAmp[p] = pendingAmp[pending];
            } else {
                p++;
            }
        }
    }

    private void strike(double frequency, double amp) {
        for (int k = 0; k < RATIOS.length; k++) {
            int s = nextSlot;
            nextSlot = (nextSlot + 1) % SLOTS;
            phase[s] = 0;
            increment[s] = frequency * RATIOS[k] / fs;
            amplitude[s] = amp * AMPS[k];
            decay[s] = Math.exp(-1 / (seconds / (1 + k) * fs));
        }
    }

    /** Adds {@code n} samples scaled by {@code gain}. */
    void add(float[] out, int off, int n, double gain) {
        for (int s = 0; s < SLOTS; s++) {
            double a = amplitude[s];
            if (a < 1e-5) {
                continue;
            }
            double ph = phase[s], inc = increment[s], d = decay[s];
            for (int i = off, end = off + n; i < end; i++) {
                ph += inc;
                if (ph >= 1) {
                    ph -= 1;
                }
                out[i] += (float) (gain * a * Sine.of(ph));
                a *= d;
            }
            phase[s] = ph;
            amplitude[s] = a;
        }
    }
}
