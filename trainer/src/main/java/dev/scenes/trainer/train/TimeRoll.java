package dev.scenes.trainer.train;

import java.util.Random;

/**
 * Rolls each example circularly along time by a random shift in {@code [-maxShift, maxShift]}
 * frames (the same shift for every band), so the network cannot key on where in the segment an
 * event happens. A pure permutation of each example's frames.
 *
 * @param maxShift largest shift in frames; 0 switches the augmentation off
 */
public record TimeRoll(int maxShift) implements Augmentation {

    /** Checks the shift. */
    public TimeRoll {
        if (maxShift < 0) {
            throw new IllegalArgumentException("roll shift " + maxShift + "; expected >= 0");
        }
    }

    @Override
    public void apply(Batch b, Random random) {
        if (maxShift == 0) {
            return;
        }
        float[] row = new float[b.frames];
        for (int i = 0; i < b.size; i++) {
            int shift = random.nextInt(2 * maxShift + 1) - maxShift;
            roll(b.x, b.offset(i), b.mels, b.frames, shift, row);
        }
    }

    /** Rolls one example: {@code out[m][t] = in[m][(t - shift) mod frames]}. */
    static void roll(float[] x, int offset, int mels, int frames, int shift, float[] row) {
        int s = Math.floorMod(shift, frames);
        if (s == 0) {
            return;
        }
        for (int m = 0; m < mels; m++) {
            int base = offset + m * frames;
            System.arraycopy(x, base, row, 0, frames);
            System.arraycopy(row, frames - s, x, base, s);
            System.arraycopy(row, 0, x, base + s, frames - s);
        }
    }
}
