package dev.scenes.sensor.cli;

import dev.scenes.audio.cli.KafkaClientOptions;
import dev.scenes.sensor.sink.KafkaConnection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where Kafka is, how to reach it ({@code --bootstrap-servers}, {@code --kafka-properties}, the
 * options of every {@code ./scenes} command that talks to Kafka) and the topic; shared by the
 * commands that send.
 */
final class KafkaOptions {

    @Mixin KafkaClientOptions options;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "audio-chunks",
            description = "topic of the chunks (default: ${DEFAULT-VALUE})")
    String topic;

    /** The connection: the producer and the admin client that checks the topic get it. */
    KafkaConnection connection() {
        return new KafkaConnection(options.bootstrapServers(), options.settings());
    }
}
