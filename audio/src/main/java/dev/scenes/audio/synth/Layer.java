package dev.scenes.audio.synth;

/**
 * One ingredient of a scene (a background texture or a stream of foreground events) that adds its
 * signal into a buffer, block by block.
 *
 * <p>Parameters change at a control rate of one update every {@value #CONTROL} samples, at absolute
 * sample positions (multiples of {@value #CONTROL} since the layer started), and all per-sample
 * state is carried from call to call. So the output is bit-identical whatever sizes the caller's
 * buffers have: {@link #add} splits the request at control boundaries itself.
 */
abstract class Layer {

    /** Samples between parameter updates (0.73 ms at 44.1 kHz). */
    static final int CONTROL = 32;

    private long position;

    /** Adds the next {@code len} samples of this layer into {@code out[off, off + len)}. */
    final void add(float[] out, int off, int len) {
        int done = 0;
        while (done < len) {
            int phase = (int) (position & (CONTROL - 1));
            if (phase == 0) {
                control(position);
            }
            int n = Math.min(len - done, CONTROL - phase);
            block(out, off + done, n);
            position += n;
            done += n;
        }
    }

    /** Updates parameters at absolute sample {@code position}, a multiple of {@link #CONTROL}. */
    abstract void control(long position);

    /** Adds {@code n} samples (never crossing a control boundary) into {@code out}. */
    abstract void block(float[] out, int off, int n);
}
