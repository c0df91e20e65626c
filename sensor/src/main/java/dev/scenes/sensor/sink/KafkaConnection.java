package dev.scenes.sensor.sink;

import dev.scenes.audio.cli.KafkaPropertiesFile;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where Kafka is and how to reach it: the bootstrap servers and extra client settings (SASL, TLS,
 * timeouts), usually read from a file in Kafka's {@code client.properties} format ({@code
 * --kafka-properties FILE}).
 *
 * <p>The settings may hold secrets ({@code sasl.jaas.config}, key store passwords), so {@link
 * #toString()} names the keys and never shows a value.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param settings extra client settings; a {@code bootstrap.servers} among them is ignored in
 *     favour of {@code bootstrapServers}
 */
public record KafkaConnection(String bootstrapServers, Properties settings) {

    /** Checks the servers and copies the settings. */
    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "bootstrap servers are blank; expected HOST:PORT[,HOST:PORT...]");
        }
        Properties copy = new Properties();
        copy.putAll(Objects.requireNonNull(settings, "settings"));
        copy.remove("bootstrap.servers");
        settings = copy;
    }

    /** Plain connections to {@code bootstrapServers}. */
    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, new Properties());
    }

    /**
     * Connections to {@code bootstrapServers} with the settings of {@code propertiesFile} ({@code
     * null}: none).
     *
     * @throws IllegalArgumentException if the file cannot be read or is malformed, naming it and
     *     the reason ({@link KafkaPropertiesFile#read})
     */
    public static KafkaConnection of(String bootstrapServers, Path propertiesFile) {
        return new KafkaConnection(
                bootstrapServers,
                propertiesFile == null
                        ? new Properties()
                        : KafkaPropertiesFile.read(propertiesFile).settings());
    }

    /** A copy of the extra settings. */
    @Override
    public Properties settings() {
        Properties copy = new Properties();
        copy.putAll(settings);
        return copy;
    }

    /** The names of the extra settings, sorted: safe to log. */
    public TreeSet<String> settingNames() {
        return new TreeSet<>(settings.stringPropertyNames());
    }

    /** The servers and the names of the settings, values hidden: safe to log. */
    @Override
    public String toString() {
        TreeSet<String> keys = settingNames();
        return bootstrapServers
                + (keys.isEmpty() ? "" : " with settings " + keys + " (values not shown)");
    }
}
