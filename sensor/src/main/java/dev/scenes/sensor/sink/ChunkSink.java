package dev.scenes.sensor.sink;

import dev.scenes.schema.AudioChunk;

/**
 * Takes the chunks of one or many sensors, e.g. {@link KafkaChunkSink}, or a lambda that keeps them
 * in memory.
 *
 * <p>{@link #accept} may be called from several threads, but never concurrently for one sensor: a
 * sensor's chunks arrive one after the other in {@code seq} order, and a sink must keep that order
 * per sensor. A sink that delivers asynchronously reports what became of the chunks through {@link
 * #delivery()}.
 */
@FunctionalInterface
public interface ChunkSink extends AutoCloseable {

    /**
     * Hands over one chunk.
     *
     * @param sensorId the sensor the chunk comes from (the Kafka key)
     * @param chunk the chunk; the sink must not change it
     * @throws RuntimeException if the chunk could not be handed over; the caller counts it as a
     *     send error
     */
    void accept(String sensorId, AudioChunk chunk);

    /** Waits until every chunk accepted so far has been delivered or has failed. */
    default void flush() {}

    /** Delivery outcomes so far; a synchronous sink reports none. */
    default DeliveryStats delivery() {
        return DeliveryStats.NONE;
    }

    /** Flushes and releases the sink's resources; never throws. */
    @Override
    default void close() {}
}
