/**
 * Where the job's results leave it: {@link dev.scenes.pipeline.sink.SceneEventSink} writes scene
 * events to {@code scene-events} and {@link dev.scenes.pipeline.sink.SensorStatusSink} sensor
 * statuses to {@code sensor-status}, keyed by sensor id, exactly once in Kafka transactions by
 * default.
 */
package dev.scenes.pipeline.sink;
