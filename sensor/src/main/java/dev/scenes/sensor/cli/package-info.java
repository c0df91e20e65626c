/**
 * The sensor module's commands under {@code ./scenes}: {@code sensor stream} (the edge agent) and
 * {@code sensor simulate} (a simulated fleet).
 */
package dev.scenes.sensor.cli;
