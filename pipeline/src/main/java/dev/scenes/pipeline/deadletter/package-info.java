/**
 * Records the job could not use: {@link dev.scenes.pipeline.deadletter.DeadLetter} inside the job,
 * {@code RejectedChunk} on the {@code audio-chunks-rejected} topic, with a stable {@link
 * dev.scenes.pipeline.deadletter.RejectReason} code, the source position and the capped raw bytes.
 */
package dev.scenes.pipeline.deadletter;
