package dev.scenes.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * SpecAugment-style masking: per example, {@code freqMasks} bands of up to {@code freqWidth}
 * consecutive mel bands and {@code timeMasks} stretches of up to {@code timeWidth} frames are
 * replaced by the training fold's band means, which the graph's band normalisation maps to 0: the
 * masked ranges are exactly zero where the network sees them. Raw log-mel of 0 would be a loud
 * signal, so the mean, not 0, is written here.
 *
 * @param freqMasks frequency masks per example
 * @param freqWidth widest frequency mask in bands (width drawn from 0..freqWidth)
 * @param timeMasks time masks per example
 * @param timeWidth widest time mask in frames (width drawn from 0..timeWidth)
 * @param fill per-band value to write (the band means), one per mel band
 */
public record SpecMask(int freqMasks, int freqWidth, int timeMasks, int timeWidth, float[] fill)
        implements Augmentation {

    /** A masked range {@code [start, start + width)}. */
    record Range(int start, int width) {}

    /** Checks the settings and copies {@code fill}. */
    public SpecMask {
        if (freqMasks < 0 || freqWidth < 0 || timeMasks < 0 || timeWidth < 0) {
            throw new IllegalArgumentException(
                    "mask counts and widths must be >= 0; got "
                            + freqMasks
                            + "x"
                            + freqWidth
                            + " frequency and "
                            + timeMasks
                            + "x"
                            + timeWidth
                            + " time");
        }
        fill = fill.clone();
    }

    @Override
    public void apply(Batch b, Random random) {
        if (fill.length != b.mels) {
            throw new IllegalArgumentException(
                    "mask fill has " + fill.length + " bands; the batch has " + b.mels);
        }
        for (int i = 0; i < b.size; i++) {
            List<Range> f = draw(random, freqMasks, freqWidth, b.mels);
            List<Range> t = draw(random, timeMasks, timeWidth, b.frames);
            mask(b.x, b.offset(i), b.mels, b.frames, f, t);
        }
    }

    /** Draws {@code count} ranges of width 0..maxWidth inside {@code [0, extent)}. */
    static List<Range> draw(Random r, int count, int maxWidth, int extent) {
        List<Range> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int w = Math.min(extent, r.nextInt(maxWidth + 1));
            out.add(new Range(r.nextInt(extent - w + 1), w));
        }
        return out;
    }

    /** Writes the fill into the given band and frame ranges of one example. */
    void mask(float[] x, int offset, int mels, int frames, List<Range> bands, List<Range> times) {
        for (Range r : bands) {
            for (int m = r.start(); m < r.start() + r.width(); m++) {
                java.util.Arrays.fill(x, offset + m * frames, offset + (m + 1) * frames, fill[m]);
            }
        }
        for (Range r : times) {
            for (int m = 0; m < mels; m++) {
                int base = offset + m * frames;
                java.util.Arrays.fill(x, base + r.start(), base + r.start() + r.width(), fill[m]);
            }
        }
    }

    @Override
    public float[] fill() {
        return fill.clone();
    }
}
