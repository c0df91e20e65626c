package dev.scenes.pipeline.cli;

import dev.scenes.audio.cli.KafkaClientOptions;
import dev.scenes.pipeline.kafka.KafkaClients;
import picocli.CommandLine.Mixin;

/**
 * Where Kafka is and how to reach it ({@code --bootstrap-servers}, {@code --kafka-properties}),
 * shared by the commands that use it (public: the demo module's commands mix it in too); the
 * options are those of every {@code ./scenes} command ({@link KafkaClientOptions}).
 */
public final class KafkaOptions {

    @Mixin KafkaClientOptions options;

    /** The clients' settings: every source, sink, producer and admin client gets them. */
    public KafkaClients clients() {
        return new KafkaClients(options.bootstrapServers(), options.settings());
    }
}
