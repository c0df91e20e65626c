/**
 * Where scene events leave the job: {@link dev.scenes.pipeline.sink.SceneEventSink} writes them to
 * {@code scene-events}, keyed by sensor id, exactly once in Kafka transactions by default.
 */
package dev.scenes.pipeline.sink;
