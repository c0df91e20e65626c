package dev.scenes.pipeline.sink;

import dev.scenes.schema.SensorStatus;
import dev.scenes.schema.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link SensorStatus} with the sensor id (UTF-8) as key, so that one sensor's statuses
 * keep their order in one partition, and the status in Avro single-object encoding as value. The
 * record timestamp is when the job observed the status.
 */
public final class SensorStatusSerializer implements KafkaRecordSerializationSchema<SensorStatus> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** Writes to {@code topic}, normally {@code Topics.SENSOR_STATUS}. */
    public SensorStatusSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            SensorStatus status, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                status.getObservedAt().toEpochMilli(),
                status.getSensorId().getBytes(StandardCharsets.UTF_8),
                WireCodec.SENSOR_STATUS.encode(status));
    }
}
