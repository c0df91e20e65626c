package dev.scenes.trainer.data;

import dev.scenes.audio.dataset.Clip;
import java.util.List;

/**
 * Identifies the data a model was trained on, for the model metadata: a SHA-256 over the sorted
 * training filenames and the feature extractor's fingerprint (frontend configuration and frames),
 * shortened to 16 hex digits. Two models with the same fingerprint saw the same clips through the
 * same frontend.
 */
public final class TrainingFingerprint {

    private TrainingFingerprint() {}

    /** The fingerprint of training on {@code clips} with {@code extractor}'s features. */
    public static String of(List<Clip> clips, FeatureExtractor extractor) {
        StringBuilder sb = new StringBuilder(extractor.fingerprint()).append('\n');
        clips.stream().map(Clip::filename).sorted().forEach(f -> sb.append(f).append('\n'));
        return "sha256:" + FeatureCache.sha256(sb.toString()).substring(0, 16) + "/" + clips.size();
    }
}
