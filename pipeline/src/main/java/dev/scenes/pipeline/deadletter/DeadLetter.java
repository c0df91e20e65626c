package dev.scenes.pipeline.deadletter;

import dev.scenes.schema.RejectedChunk;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record the job could not use, on its way to {@code audio-chunks-rejected}.
 *
 * <p>This is the in-job form of the wire record {@link RejectedChunk}: a Java record that Flink
 * serializes with its POJO serializer. The Avro class would fall back to Kryo (its {@code
 * ByteBuffer} fields are not Flink types), so it is built only at the sink, by {@link
 * #toRejectedChunk()}.
 *
 * @param reason why it was rejected
 * @param detail one sentence for a person, naming the sensor when known
 * @param receivedAtMicros when the job rejected it, microseconds since the epoch
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param sensorId the sensor, when it could be told, else {@code null}
 * @param key the raw Kafka key, or {@code null}
 * @param payload the raw value, cut to the configured cap (empty for a tombstone)
 * @param payloadSize the size of the value before it was cut
 */
public record DeadLetter(
        RejectReason reason,
        String detail,
        long receivedAtMicros,
        String topic,
        int partition,
        long offset,
        String sensorId,
        byte[] key,
        byte[] payload,
        int payloadSize) {

    /** The wire record for the dead-letter topic. */
    public RejectedChunk toRejectedChunk() {
        return RejectedChunk.newBuilder()
                .setReason(reason.code())
                .setDetail(detail)
                .setReceivedAt(Instant.EPOCH.plus(receivedAtMicros, ChronoUnit.MICROS))
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setSensorId(sensorId)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setPayload(ByteBuffer.wrap(payload))
                .setPayloadSize(payloadSize)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && reason == d.reason
                && Objects.equals(detail, d.detail)
                && receivedAtMicros == d.receivedAtMicros
                && Objects.equals(topic, d.topic)
                && partition == d.partition
                && offset == d.offset
                && Objects.equals(sensorId, d.sensorId)
                && Arrays.equals(key, d.key)
                && Arrays.equals(payload, d.payload)
                && payloadSize == d.payloadSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "DeadLetter["
                + reason.code()
                + " at "
                + topic
                + "/"
                + partition
                + "@"
                + offset
                + ": "
                + detail
                + "]";
    }
}
