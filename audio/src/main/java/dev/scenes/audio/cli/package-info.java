/**
 * The audio module's command line ({@code ./scenes features}, {@code ./scenes synth}) and what
 * every {@code ./scenes} command shares: {@link dev.scenes.audio.cli.CliLauncher}, the error
 * handling, and {@link dev.scenes.audio.cli.KafkaClientOptions}, the Kafka options ({@code
 * --bootstrap-servers}, {@code --kafka-properties}) of the commands that talk to Kafka.
 */
package dev.scenes.audio.cli;
