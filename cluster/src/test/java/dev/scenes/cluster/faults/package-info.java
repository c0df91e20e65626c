/**
 * Fault tests on the real multi-process cluster: a simulated fleet streams while a TaskManager is
 * killed, the Kafka broker crashes and restarts, or the job is stopped with a savepoint and
 * resumed; afterwards every (sensor, segment) the fleet covered must be in {@code scene-events},
 * read committed, exactly once. Each recovery time is measured and logged as one {@code RECOVERY}
 * line.
 */
package dev.scenes.cluster.faults;
