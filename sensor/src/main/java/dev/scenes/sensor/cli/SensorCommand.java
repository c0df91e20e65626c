package dev.scenes.sensor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./scenes sensor stream|simulate}: the group; alone it asks for a subcommand. */
@Command(
        name = "sensor",
        mixinStandardHelpOptions = true,
        description = "Send audio chunks to Kafka: a real sensor (stream) or a simulated fleet.",
        subcommands = {StreamCommand.class, SimulateCommand.class})
final class SensorCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: stream or simulate");
    }
}
