/**
 * The demo: {@code ./scenes demo} runs the whole system in one process (embedded Kafka, the Flink
 * job in a MiniCluster, a simulated fleet) with a live view of predictions against the truth, and
 * {@code ./scenes events tail} prints the scene events of any Kafka.
 */
package dev.scenes.demo;
