package dev.scenes.audio.synth;

/** A table sine for oscillators: 4096 points with linear interpolation (error below 3e-7). */
final class Sine {

    private static final int SIZE = 4096;
    private static final float[] TABLE = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            TABLE[i] = (float) Math.sin(2 * Math.PI * i / SIZE);
        }
    }

    private Sine() {}

    /** sin(2 pi phase) for a phase in cycles, {@code 0 <= phase < 2^40}. */
    static float of(double phase) {
        double p = phase * SIZE;
        long whole = (long) p;
        float frac = (float) (p - whole);
        int i = (int) (whole & (SIZE - 1));
        return TABLE[i] + frac * (TABLE[i + 1] - TABLE[i]);
    }
}
