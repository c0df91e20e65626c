package dev.scenes.sensor.cli;

import dev.scenes.audio.cli.CliLauncher;
import picocli.CommandLine.Command;

/** The sensor module's commands under {@code ./scenes}: {@code sensor stream|simulate}. */
@Command(
        name = "scenes",
        mixinStandardHelpOptions = true,
        version = "scenes sensor 0.1",
        description = "Edge commands of the acoustic scene classifier.",
        subcommands = {SensorCommand.class})
public final class SensorCli {

    /** Entry point of {@code ./scenes sensor ...}. */
    public static void main(String[] args) {
        CliLauncher.main(new SensorCli(), args);
    }
}
