/**
 * The audio module's command line ({@code ./scenes features}) and {@link
 * dev.scenes.audio.cli.CliLauncher}, the error handling every {@code ./scenes} command shares.
 */
package dev.scenes.audio.cli;
