/**
 * Tests of the distributed deployment: a multi-process Kafka broker and Flink standalone cluster
 * started from the build's own classpath, fault injection on it, the docker/ files, and Kafka
 * security.
 */
package dev.scenes.cluster;
