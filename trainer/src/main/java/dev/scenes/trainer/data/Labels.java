package dev.scenes.trainer.data;

import dev.scenes.audio.dataset.Clip;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class labels in model output order (the dataset's sorted label order) and their indices.
 *
 * @param names labels in output order
 */
public record Labels(List<String> names) {

    /** Copies the list; labels must be distinct. */
    public Labels {
        names = List.copyOf(names);
        if (names.isEmpty() || names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("labels must be distinct and non-empty: " + names);
        }
    }

    /** Number of classes. */
    public int size() {
        return names.size();
    }

    /** Output index of {@code label}. */
    public int index(String label) {
        int i = names.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "label '" + label + "' is not one of the model's labels " + names);
        }
        return i;
    }

    /** Label at output index {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    /** Output indices of {@code clips}' scenes. */
    public int[] indices(List<Clip> clips) {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), i);
        }
        int[] out = new int[clips.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = map.get(clips.get(i).scene());
            if (k == null) {
                throw new IllegalArgumentException(
                        clips.get(i).filename()
                                + " has scene '"
                                + clips.get(i).scene()
                                + "', which is not one of the model's labels "
                                + names);
            }
            out[i] = k;
        }
        return out;
    }
}
