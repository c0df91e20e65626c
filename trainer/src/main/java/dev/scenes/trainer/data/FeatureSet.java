package dev.scenes.trainer.data;

import dev.scenes.audio.dataset.Clip;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The model inputs of a list of clips, in the list's order, read from {@link FeatureCache}'s
 * memory-mapped shards without copying them onto the heap. Immutable and thread-safe (all reads are
 * absolute).
 */
public final class FeatureSet {

    private final List<Clip> clips;
    private final List<FloatBuffer> inputs;
    private final int valuesPerInput;

    FeatureSet(List<Clip> clips, List<FloatBuffer> inputs, int valuesPerInput) {
        if (clips.size() != inputs.size()) {
            throw new IllegalArgumentException(
                    clips.size() + " clips but " + inputs.size() + " inputs");
        }
        this.clips = List.copyOf(clips);
        this.inputs = List.copyOf(inputs);
        this.valuesPerInput = valuesPerInput;
    }

    /** Number of clips. */
    public int size() {
        return clips.size();
    }

    /** The clips, in order. */
    public List<Clip> clips() {
        return clips;
    }

    /** Clip {@code i}. */
    public Clip clip(int i) {
        return clips.get(i);
    }

    /** Values per input ({@code mels * frames}). */
    public int valuesPerInput() {
        return valuesPerInput;
    }

    /** Copies input {@code i} into {@code dst} from {@code offset}. */
    public void copy(int i, float[] dst, int offset) {
        inputs.get(i).get(0, dst, offset, valuesPerInput);
    }

    /** A copy of input {@code i}. */
    public float[] input(int i) {
        float[] x = new float[valuesPerInput];
        copy(i, x, 0);
        return x;
    }

    /** The subset at {@code indices}, in that order. */
    public FeatureSet subset(List<Integer> indices) {
        return new FeatureSet(
                indices.stream().map(clips::get).toList(),
                indices.stream().map(inputs::get).toList(),
                valuesPerInput);
    }
}
