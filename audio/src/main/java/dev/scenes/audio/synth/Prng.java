package dev.scenes.audio.synth;

/**
 * SplitMix64: a tiny, fast, seedable generator for noise and parameter draws.
 *
 * <p>Chosen over {@link java.util.Random} because it is allocation-free, has no synchronisation and
 * its sequence is fixed by this code alone, so every rendering is a pure function of its seeds.
 */
final class Prng {

    private long state;
    private float spare;
    private boolean hasSpare;

    Prng(long seed) {
        this.state = seed;
    }

    /** A child generator whose sequence depends on this one's seed and {@code salt} only. */
    static Prng derive(long seed, long salt) {
        return new Prng(mix(seed, salt));
    }

    /** Mixes two values into a well-spread seed (order matters). */
    static long mix(long a, long b) {
        return finish(
                finish(a + 0x632BE59BD9B4E019L) ^ (b * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL));
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return finish(state += 0x9E3779B97F4A7C15L);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * uniform();
    }

    /** Uniform in [-1, 1): white noise of variance 1/3. */
    float white() {
        return (int) (nextLong() >>> 32) * 4.656613e-10f;
    }

    /**
     * Fills {@code out[0, n)} with white noise in [-1, 1), using both halves of each 64-bit draw.
     * The unused half is kept for the next call, so the sequence of samples does not depend on how
     * a caller splits its requests.
     */
    void fillWhite(float[] out, int n) {
        for (int i = 0; i < n; i++) {
            if (hasSpare) {
                out[i] = spare;
                hasSpare = false;
            } else {
                long r = nextLong();
                out[i] = (int) (r >>> 32) * 4.656613e-10f;
                spare = (int) r * 4.656613e-10f;
                hasSpare = true;
            }
        }
    }

    /** Standard normal (Box-Muller, one value per call). */
    double gaussian() {
        double u = 1.0 - uniform();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
    }

    /** Exponentially distributed with the given mean. */
    double exponential(double mean) {
        return -mean * Math.log(1.0 - uniform());
    }

    /** Uniform integer in [0, n). */
    int nextInt(int n) {
        return (int) ((nextLong() >>> 33) % n);
    }

    boolean chance(double p) {
        return uniform() < p;
    }
}
