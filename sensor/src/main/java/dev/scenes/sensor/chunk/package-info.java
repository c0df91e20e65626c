/**
 * Chunks of one sensor: {@link dev.scenes.sensor.chunk.ChunkTimeline} gives each chunk its {@code
 * seq} and {@code startTime} so that a sensor's chunks tile time without gaps or drift; {@link
 * dev.scenes.sensor.chunk.ChunkMaker} turns float samples into an {@code AudioChunk} of {@code
 * PCM_S16LE} bytes.
 */
package dev.scenes.sensor.chunk;
