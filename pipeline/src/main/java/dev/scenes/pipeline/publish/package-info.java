/**
 * The {@code scene-models} topic: checking a model file against the model contract ({@link
 * dev.scenes.pipeline.publish.ModelFile}), publishing it as a {@code ModelRelease} ({@link
 * dev.scenes.pipeline.publish.ModelPublisher}, behind {@code ./scenes models publish}), and the
 * job's source of releases ({@link dev.scenes.pipeline.publish.ModelReleaseSource}), which skips
 * what it cannot decode instead of failing.
 */
package dev.scenes.pipeline.publish;
