package dev.scenes.pipeline.sink;

import dev.scenes.schema.SceneEvent;
import dev.scenes.schema.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link SceneEvent} with the sensor id (UTF-8) as key, so that one sensor's events keep
 * their order in one partition, and the event in Avro single-object encoding as value. The record
 * timestamp is the time the job classified the segment, so that retention counts from publication
 * even when old audio is replayed.
 */
public final class SceneEventSerializer implements KafkaRecordSerializationSchema<SceneEvent> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** Writes to {@code topic}, normally {@code Topics.SCENE_EVENTS}. */
    public SceneEventSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            SceneEvent event, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                event.getProcessedAt().toEpochMilli(),
                event.getSensorId().getBytes(StandardCharsets.UTF_8),
                WireCodec.SCENE_EVENT.encode(event));
    }
}
