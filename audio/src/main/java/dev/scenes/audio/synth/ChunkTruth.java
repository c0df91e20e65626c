package dev.scenes.audio.synth;

/**
 * The ground truth of a stretch of a {@link SensorStream}: which scene covers most of it.
 *
 * @param startSample index of the first sample since the stream began
 * @param samples how many samples
 * @param scene the scene that covers most samples (by {@link SceneSchedule#sceneAt})
 * @param share the fraction of samples {@code scene} covers, 0.5..1
 * @param crossfade true if any sample lies in a cross-fade between two scenes
 */
public record ChunkTruth(
        long startSample, int samples, Scene scene, double share, boolean crossfade) {}
