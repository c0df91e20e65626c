package dev.scenes.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./scenes models COMMAND}: model releases on {@code scene-models}. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Model releases on the scene-models topic, which the running job follows.",
        subcommands = {PublishModelCommand.class})
final class ModelsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command, e.g. 'publish'");
    }
}
