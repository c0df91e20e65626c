package dev.scenes.pipeline.deadletter;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka sink of the dead-letter topic. */
public final class DeadLetterSink {

    /** Kafka's default {@code transaction.max.timeout.ms}, the most a default broker accepts. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private DeadLetterSink() {}

    /**
     * A Kafka sink that writes dead letters to {@code topic}.
     *
     * @param bootstrapServers the brokers
     * @param topic normally {@code Topics.AUDIO_CHUNKS_REJECTED}
     * @param guarantee {@code EXACTLY_ONCE} writes in checkpoint-aligned transactions (consumers
     *     then read with {@code isolation.level=read_committed}); {@code AT_LEAST_ONCE} flushes on
     *     checkpoints and may repeat records after a failure
     * @param transactionalIdPrefix unique per job on a cluster; required for {@code EXACTLY_ONCE}
     * @param producerProperties extra producer settings (e.g. security); may be empty. {@code
     *     transaction.timeout.ms} defaults to 15 minutes, checkpoints must complete within it
     */
    public static KafkaSink<DeadLetter> kafka(
            String bootstrapServers,
            String topic,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix,
            Properties producerProperties) {
        Properties producer = new Properties();
        // The sink's own default (1 h) exceeds the broker's default transaction.max.timeout.ms
        // (15 min), which makes every transactional producer fail to initialise.
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        producer.putAll(producerProperties);
        KafkaSinkBuilder<DeadLetter> builder =
                KafkaSink.<DeadLetter>builder()
                        .setKafkaProducerConfig(producer)
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(new DeadLetterSerializer(topic))
                        .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }
}
