package dev.scenes.audio.synth;

import java.util.Map;
import java.util.SortedMap;

/**
 * What {@link DatasetGenerator} wrote.
 *
 * @param segments distinct 10-second segments rendered
 * @param clips audio files written
 * @param trainClipsPerDevice device label -> clips in fold1_train
 * @param evaluateClipsPerDevice device label -> clips in fold1_evaluate
 * @param seconds wall-clock time taken
 */
public record DatasetSummary(
        int segments,
        int clips,
        SortedMap<String, Integer> trainClipsPerDevice,
        SortedMap<String, Integer> evaluateClipsPerDevice,
        double seconds) {

    /** Copies the maps. */
    public DatasetSummary {
        trainClipsPerDevice = new java.util.TreeMap<>(Map.copyOf(trainClipsPerDevice));
        evaluateClipsPerDevice = new java.util.TreeMap<>(Map.copyOf(evaluateClipsPerDevice));
    }
}
