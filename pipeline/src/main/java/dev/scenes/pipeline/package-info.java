/**
 * The Flink job that turns audio chunks on Kafka into scene events, and what runs it locally.
 *
 * <p>One package per step of the data's path: {@code decode} (raw records to validated chunks),
 * {@code deadletter} (records the job cannot use, to {@code audio-chunks-rejected}), {@code job}
 * (the graph, built from the sources and sinks it is given), {@code kafka} (topic names and the
 * embedded broker), {@code cli} (the {@code ./scenes} commands).
 */
package dev.scenes.pipeline;
