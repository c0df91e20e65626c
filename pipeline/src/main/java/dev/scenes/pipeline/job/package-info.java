/**
 * The job's graph, built by methods that take their sources and sinks as arguments ({@link
 * dev.scenes.pipeline.job.SceneJob}), so that {@code main} wires Kafka and tests wire their own.
 */
package dev.scenes.pipeline.job;
