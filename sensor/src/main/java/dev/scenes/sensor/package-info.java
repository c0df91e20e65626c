/**
 * The edge side of the scene classifier: turns audio (a file, a folder, a microphone, or a fleet of
 * simulated sensors) into {@code AudioChunk} records on the {@code audio-chunks} topic.
 *
 * <p>{@code chunk} stamps chunks with sequence numbers and start times and encodes their samples;
 * {@code source} reads audio; {@code pace} schedules sends in real time (or N times faster); {@code
 * stream} is the agent behind {@code ./scenes sensor stream} and its persisted state; {@code fleet}
 * the simulated fleet behind {@code ./scenes sensor simulate}, the demo and the load tests; {@code
 * sink} where chunks go (Kafka, or any {@link dev.scenes.sensor.sink.ChunkSink}); {@code cli} the
 * commands.
 */
package dev.scenes.sensor;
