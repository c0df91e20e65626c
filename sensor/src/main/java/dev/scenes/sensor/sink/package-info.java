/**
 * Where chunks go: {@link dev.scenes.sensor.sink.ChunkSink} is anything that takes a sensor's
 * chunks (a lambda in a test or in the demo, which reads the true scene in-process), {@link
 * dev.scenes.sensor.sink.KafkaChunkSink} the Kafka producer with the settings of {@link
 * dev.scenes.sensor.sink.ProducerSettings}.
 */
package dev.scenes.sensor.sink;
