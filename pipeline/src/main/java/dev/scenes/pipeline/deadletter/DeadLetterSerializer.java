package dev.scenes.pipeline.deadletter;

import dev.scenes.schema.wire.WireCodec;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link DeadLetter} as a {@code RejectedChunk} (Avro single-object encoding) with the
 * rejected record's key unchanged, stamped with the time it was rejected.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** Writes to {@code topic}, normally {@code Topics.AUDIO_CHUNKS_REJECTED}. */
    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                Math.floorDiv(letter.receivedAtMicros(), 1000L),
                letter.key(),
                WireCodec.REJECTED_CHUNK.encode(letter.toRejectedChunk()));
    }
}
