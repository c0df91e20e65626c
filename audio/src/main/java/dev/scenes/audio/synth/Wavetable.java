package dev.scenes.audio.synth;

/**
 * One period of a fixed harmonic mix, sampled once so that an oscillator with several harmonics
 * costs one table lookup per sample instead of one sine per harmonic.
 */
final class Wavetable {

    private static final int SIZE = 2048;
    private final float[] table = new float[SIZE + 1];

    /**
     * @param amplitudes amplitude of harmonic 1, 2, ...
     */
    Wavetable(double... amplitudes) {
        for (int i = 0; i <= SIZE; i++) {
            double s = 0;
            for (int h = 0; h < amplitudes.length; h++) {
                s += amplitudes[h] * Math.sin(2 * Math.PI * (h + 1) * i / SIZE);
            }
            table[i] = (float) s;
        }
    }

    /** The waveform at {@code phase} cycles, {@code 0 <= phase < 2^40}. */
    float of(double phase) {
        double p = phase * SIZE;
        long whole = (long) p;
        float frac = (float) (p - whole);
        int i = (int) (whole & (SIZE - 1));
        return table[i] + frac * (table[i + 1] - table[i]);
    }
}
