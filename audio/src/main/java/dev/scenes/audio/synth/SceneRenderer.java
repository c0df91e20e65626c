package dev.scenes.audio.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Renders one scene at one location as an endless mono signal at 44.1 kHz, before any device: the
 * scene model's layers (see {@link SceneRecipes}) summed, passed through the location's synthetic
 * room for indoor scenes, scaled to the location's level and soft-limited below full scale.
 *
 * <p>Deterministic: the output is a function of (location, knobs, clip seed, event library) and
 * does not depend on how the caller splits it into buffers. Not thread-safe; cheap to create (one
 * per clip or per stream segment).
 */
public final class SceneRenderer {

    /** The rate of everything the synthesizer produces, as in TAU 2020 Mobile. */
    public static final int SAMPLE_RATE = 44_100;

    private static final int BLOCK = 1024;

    private final Location location;
    private final Layer[] layers;
    private final Reverb reverb;
    private final float wet;
    private final float gain;
    private final float[] room = new float[BLOCK];

    SceneRenderer(Location location, List<Layer> layers, Reverb reverb, double wet, double gain) {
        this.location = location;
        this.layers = layers.toArray(Layer[]::new);
        this.reverb = reverb;
        this.wet = (float) wet;
        this.gain = (float) gain;
    }

    /**
     * A renderer of {@code location}'s scene; {@code clipSeed} picks this clip's events and
     * per-clip variations around the location's character.
     */
    public static SceneRenderer create(
            Location location, SynthKnobs knobs, long clipSeed, EventLibrary events) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(knobs, "knobs");
        Objects.requireNonNull(events, "events");
        return SceneRecipes.build(location, knobs, clipSeed, events);
    }

    /** The location rendered. */
    public Location location() {
        return location;
    }

    /** Writes the next {@code len} samples into {@code out[off, off + len)}. */
    public void render(float[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        for (int done = 0; done < len; ) {
            int n = Math.min(BLOCK, len - done);
            int o = off + done;
            Arrays.fill(out, o, o + n, 0f);
            for (Layer layer : layers) {
                layer.add(out, o, n);
            }
            if (reverb != null) {
                System.arraycopy(out, o, room, 0, n);
                reverb.process(room, 0, n);
                for (int i = 0; i < n; i++) {
                    out[o + i] += wet * room[i];
                }
            }
            for (int i = o; i < o + n; i++) {
                out[i] = limit(out[i] * gain);
            }
            done += n;
        }
    }

    /** The next {@code samples} samples as a new array. */
    public float[] render(int samples) {
        float[] out = new float[samples];
        render(out, 0, samples);
        return out;
    }

    /** Identity below 0.7, then a tanh knee that never reaches 0.99. */
    private static float limit(float x) {
        float a = Math.abs(x);
        if (a <= 0.7f) {
            return x;
        }
        float y = 0.7f + 0.29f * (float) Math.tanh((a - 0.7f) / 0.29f);
        return x < 0 ? -y : y;
    }
}
