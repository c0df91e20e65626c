/**
 * Test support that starts a real multi-process cluster on 127.0.0.1 from this module's own test
 * classpath: a Kafka broker (KRaft, combined broker and controller) and a Flink standalone session
 * cluster (one JobManager, TaskManagers whose memory is computed as Flink's scripts do), each in
 * its own JVM with its own log file, each stopped through its own {@link java.lang.Process} handle.
 * {@link dev.scenes.cluster.process.FlinkRest} submits the shaded job jar through the REST API, the
 * way {@code flink run} and the web UI do.
 */
package dev.scenes.cluster.process;
