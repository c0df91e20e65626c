package dev.scenes.pipeline.sink;

import dev.scenes.pipeline.kafka.KafkaClients;
import dev.scenes.schema.SceneEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds the Kafka sink of {@code scene-events}.
 *
 * <p>With {@link DeliveryGuarantee#EXACTLY_ONCE} (the job's default) the events of a checkpoint
 * interval are written in one Kafka transaction that commits when the checkpoint completes:
 * consumers that read with {@code isolation.level=read_committed} see every event once, one
 * checkpoint interval late. {@link DeliveryGuarantee#AT_LEAST_ONCE} makes events visible at once
 * but may repeat the events of the last interval after a failure.
 */
public final class SceneEventSink {

    /**
     * The most a broker accepts by default ({@code transaction.max.timeout.ms}, 15 minutes); the
     * connector's own default of one hour makes every transactional producer fail on such a broker.
     */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private SceneEventSink() {}

    /**
     * A Kafka sink of scene events.
     *
     * @param clients the brokers and client settings
     * @param topic normally {@code Topics.SCENE_EVENTS}
     * @param guarantee exactly-once (transactions) or at-least-once
     * @param transactionalIdPrefix unique per job on a cluster (two jobs with one prefix abort each
     *     other's transactions); used with {@code EXACTLY_ONCE}
     * @param transactionTimeout how long a transaction may stay open: longer than the checkpoint
     *     interval plus the time a checkpoint takes, at most {@link #MAX_TRANSACTION_TIMEOUT}
     *     unless the broker allows more
     */
    public static KafkaSink<SceneEvent> kafka(
            KafkaClients clients,
            String topic,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix,
            Duration transactionTimeout) {
        Objects.requireNonNull(guarantee, "guarantee");
        if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "transaction timeout is "
                            + transactionTimeout
                            + "; expected a positive duration");
        }
        Properties producer = clients.properties();
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(transactionTimeout.toMillis()));
        // The producer config first: setKafkaProducerConfig replaces every property set before it,
        // bootstrap.servers included.
        KafkaSinkBuilder<SceneEvent> builder =
                KafkaSink.<SceneEvent>builder()
                        .setKafkaProducerConfig(producer)
                        .setBootstrapServers(clients.bootstrapServers())
                        .setRecordSerializer(new SceneEventSerializer(topic))
                        .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
                throw new IllegalArgumentException(
                        "exactly-once delivery needs a transactional id prefix, unique per job");
            }
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }
}
