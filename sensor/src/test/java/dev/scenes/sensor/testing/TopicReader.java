package dev.scenes.sensor.testing;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic from its start, as the job would. */
public final class TopicReader {

    /** One record: where it was, its key as text, the raw value and the decoded chunk. */
    public record Received(
            int partition,
            long offset,
            String key,
            byte[] value,
            long timestamp,
            AudioChunk chunk) {}

    private TopicReader() {}

    /**
     * The records of {@code topic}, read until {@code expected} came or {@code patience} passed,
     * plus what one more short poll finds (so that extra records show).
     */
    public static List<Received> read(
            String bootstrapServers, String topic, int expected, Duration patience) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        List<Received> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + patience.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(received(r)));
            }
            long extra = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < extra) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> out.add(received(r)));
            }
        }
        return out;
    }

    private static Received received(ConsumerRecord<byte[], byte[]> r) {
        return new Received(
                r.partition(),
                r.offset(),
                new String(r.key(), StandardCharsets.UTF_8),
                r.value(),
                r.timestamp(),
                WireCodec.AUDIO_CHUNK.decode(r.value()));
    }
}
