/**
 * The audio module's command line ({@code ./scenes features}, {@code ./scenes synth}) and {@link
 * dev.scenes.audio.cli.CliLauncher}, the error handling every {@code ./scenes} command shares.
 */
package dev.scenes.audio.cli;
