/**
 * Sensor health: per sensor, whether its stream is alive and usable, published as {@code
 * SensorStatus} changes to {@code sensor-status}. {@link dev.scenes.pipeline.health.ChunkSummary}
 * is what a chunk tells about its sensor's health (a few numbers instead of its audio), {@link
 * dev.scenes.pipeline.health.SensorHealth} the keyed function that judges it, {@link
 * dev.scenes.pipeline.health.HealthConfig} its thresholds.
 */
package dev.scenes.pipeline.health;
