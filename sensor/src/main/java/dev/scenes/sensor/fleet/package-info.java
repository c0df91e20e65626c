/**
 * A fleet of simulated sensors for {@code ./scenes sensor simulate}, the demo and the load tests:
 * {@link dev.scenes.sensor.fleet.Fleet} runs one {@code SensorStream} per sensor on a few threads,
 * stamps the true scene of every chunk into its labels, and hands the chunks to a {@link
 * dev.scenes.sensor.sink.ChunkSink}.
 */
package dev.scenes.sensor.fleet;
