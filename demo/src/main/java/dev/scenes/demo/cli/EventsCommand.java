package dev.scenes.demo.cli;

import picocli.CommandLine.Command;

/** {@code ./scenes events ...}: tools for the {@code scene-events} topic. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Tools for the scene-events topic.",
        subcommands = {EventsTailCommand.class})
final class EventsCommand {}
