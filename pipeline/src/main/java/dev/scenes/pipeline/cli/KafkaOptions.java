package dev.scenes.pipeline.cli;

import dev.scenes.pipeline.kafka.KafkaClients;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say where Kafka is and how to reach it, shared by the commands that use it
 * (public: the demo module's commands mix it in too).
 */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            required = true,
            paramLabel = "HOST:PORT",
            description = "Kafka brokers, comma-separated (e.g. 127.0.0.1:9092)")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Kafka client settings (SASL, TLS, timeouts) in Kafka's client.properties"
                            + " format, given to every Kafka client; values are never logged")
    Path propertiesFile;

    /** The clients' settings; reads the properties file. */
    public KafkaClients clients() {
        return KafkaClients.of(bootstrapServers, propertiesFile);
    }
}
