/**
 * The job's first stage: Kafka records pass through the source as raw bytes ({@link
 * dev.scenes.pipeline.decode.RawRecord}), then {@link dev.scenes.pipeline.decode.ChunkValidator}
 * decodes and checks each one, inside {@link dev.scenes.pipeline.decode.ValidateChunks}, so that a
 * bad record becomes a dead letter instead of a failed job. {@link
 * dev.scenes.pipeline.decode.ValidChunk} is the chunk type of every later stage.
 */
package dev.scenes.pipeline.decode;
