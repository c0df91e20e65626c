package dev.scenes.sensor.cli;

import dev.scenes.sensor.sink.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Kafka is, how to reach it, and the topic; shared by the commands that send. */
final class KafkaOptions {

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
                    "producer settings (SASL, TLS, or overrides of the defaults) in Kafka's"
                            + " client.properties format; names are logged, values never")
    Path propertiesFile;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "audio-chunks",
            description = "topic of the chunks (default: ${DEFAULT-VALUE})")
    String topic;

    /** The connection; reads the properties file. */
    KafkaConnection connection() {
        return KafkaConnection.of(bootstrapServers, propertiesFile);
    }
}
