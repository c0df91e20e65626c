package dev.scenes.pipeline.decode;

import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** Builds the Kafka source of raw {@code audio-chunks} records. */
public final class ChunkSource {

    private ChunkSource() {}

    /**
     * A Kafka source of {@link RawRecord}s.
     *
     * @param bootstrapServers the brokers
     * @param topic normally {@code Topics.AUDIO_CHUNKS}
     * @param groupId the consumer group (offsets are committed on checkpoints, for monitoring)
     * @param startingOffsets where to start without a checkpoint, e.g. {@code
     *     OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)}
     * @param stoppingOffsets where to stop for a bounded read (tests, replays), or {@code null} to
     *     read forever
     * @param consumerProperties extra consumer settings (e.g. security); may be empty
     */
    public static KafkaSource<RawRecord> kafka(
            String bootstrapServers,
            String topic,
            String groupId,
            OffsetsInitializer startingOffsets,
            OffsetsInitializer stoppingOffsets,
            Properties consumerProperties) {
        KafkaSourceBuilder<RawRecord> builder =
                KafkaSource.<RawRecord>builder()
                        .setProperties(consumerProperties)
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(startingOffsets)
                        .setDeserializer(new RawRecordDeserializer());
        if (stoppingOffsets != null) {
            builder.setBounded(stoppingOffsets);
        }
        return builder.build();
    }
}
