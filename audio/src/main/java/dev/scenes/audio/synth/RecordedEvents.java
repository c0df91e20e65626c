package dev.scenes.audio.synth;

import java.util.List;

/** Plays real recordings ({@link EventClip}s) at random times, at most two at once. */
final class RecordedEvents extends Layer {

    private static final int POOL = 2;

    private final Prng rng;
    private final List<EventClip> clips;
    private final double probability;
    private final double minGain;
    private final double maxGain;
    private final float[][] playing = new float[POOL][];
    private final int[] index = new int[POOL];
    private final float[] gain = new float[POOL];

    /**
     * @param perMinute mean starts per minute
     * @param minGain lowest gain (the clips have unit RMS)
     * @param maxGain highest gain
     */
    RecordedEvents(
            double fs,
            Prng rng,
            List<EventClip> clips,
            double perMinute,
            double minGain,
            double maxGain) {
        this.rng = rng;
        this.clips = clips;
        this.probability = perMinute * CONTROL / (60 * fs);
        this.minGain = minGain;
        this.maxGain = maxGain;
        if (rng.chance(Math.min(0.7, perMinute / 6))) {
            start(0, (int) (rng.uniform(0, 0.5) * clips.get(0).samples().length));
        }
    }

    private void start(int slot, int from) {
        EventClip clip = clips.get(rng.nextInt(clips.size()));
        playing[slot] = clip.samples();
        index[slot] = Math.min(from, clip.samples().length - 1);
        gain[slot] = (float) rng.uniform(minGain, maxGain);
    }

    @Override
    void control(long position) {
        if (rng.uniform() < probability) {
            for (int s = 0; s < POOL; s++) {
                if (playing[s] == null) {
                    start(s, 0);
                    break;
                }
            }
        }
    }

    @Override
    void block(float[] out, int off, int n) {
        for (int s = 0; s < POOL; s++) {
            float[] clip = playing[s];
            if (clip == null) {
                continue;
            }
            int k = index[s];
            float g = gain[s];
            int count = Math.min(n, clip.length - k);
            for (int i = 0; i < count; i++) {
                out[off + i] += clip[k + i] * g;
            }
            index[s] = k + count;
            if (index[s] >= clip.length) {
                playing[s] = null;
            }
        }
    }
}
