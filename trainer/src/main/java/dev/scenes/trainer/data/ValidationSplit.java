package dev.scenes.trainer.data;

import dev.scenes.audio.dataset.Clip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validation set held out of a training fold by recording location ({@link Clip#identifier()}),
 * so no location (in ESC-10: no Freesound recording) has clips on both sides and validation
 * accuracy is not inflated by near-duplicate clips.
 *
 * <p>Deterministic for a given seed: per scene, locations are ordered by a hash of (seed, location)
 * and taken until that scene's share reaches {@code fraction}; a scene with a single location keeps
 * it for training. Taking per scene keeps every class represented in validation.
 *
 * @param train the clips left for training, in their original order
 * @param validation the held-out clips, in their original order
 */
public record ValidationSplit(List<Clip> train, List<Clip> validation) {

    /** Copies the lists. */
    public ValidationSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /**
     * Splits {@code clips} holding out about {@code fraction} of each scene's clips.
     *
     * @throws IllegalArgumentException if {@code fraction} is not in [0, 0.5]
     */
    public static ValidationSplit byLocation(List<Clip> clips, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException(
                    "validation fraction " + fraction + "; expected 0..0.5 (e.g. 0.12)");
        }
        Map<String, Map<String, Integer>> byScene = new TreeMap<>();
        for (Clip c : clips) {
            byScene.computeIfAbsent(c.scene(), s -> new LinkedHashMap<>())
                    .merge(c.identifier(), 1, Integer::sum);
        }
        Set<String> held = new HashSet<>();
        for (Map<String, Integer> locations : byScene.values()) {
            int total = locations.values().stream().mapToInt(Integer::intValue).sum();
            List<String> order = new ArrayList<>(locations.keySet());
            order.sort(
                    Comparator.comparing((String l) -> FeatureCache.sha256(seed + "/" + l))
                            .thenComparing(l -> l));
            int taken = 0;
            for (String location : order) {
                int n = locations.get(location);
                if (taken >= fraction * total) {
                    break;
                }
                // Never hold out a scene's last training clips.
                if (taken + n < total) {
                    held.add(location);
                    taken += n;
                }
            }
        }
        List<Clip> train = new ArrayList<>();
        List<Clip> validation = new ArrayList<>();
        for (Clip c : clips) {
            (held.contains(c.identifier()) ? validation : train).add(c);
        }
        return new ValidationSplit(train, validation);
    }
}
