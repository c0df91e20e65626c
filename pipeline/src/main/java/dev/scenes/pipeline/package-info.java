/**
 * The Flink job that turns audio chunks on Kafka into scene events, and what runs it locally.
 *
 * <p>One package per step of the data's path: {@code decode} (raw records to validated chunks),
 * {@code deadletter} (records the job cannot use, to {@code audio-chunks-rejected}), {@code
 * segment} and {@code infer} (per-sensor segments, log-mel and ONNX inference), {@code health}
 * (per-sensor stream health), {@code sink} (scene events to {@code scene-events}, sensor statuses
 * to {@code sensor-status}), {@code publish} (model releases on {@code scene-models}), {@code job}
 * (the graph, built from the sources and sinks it is given, and its Kafka wiring), {@code kafka}
 * (topic names, client settings and the embedded broker), {@code cli} (the {@code ./scenes}
 * commands).
 */
package dev.scenes.pipeline;
