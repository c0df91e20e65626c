package dev.scenes.sensor.fleet;

import java.time.Instant;

/**
 * A fleet's counters so far.
 *
 * @param sensors sensors in the fleet
 * @param chunks chunks handed to the sink
 * @param audioSeconds their total audio duration
 * @param delivered chunks the sink reports delivered (for a sink that does not report: {@code
 *     chunks} minus the send errors)
 * @param sendErrors chunks the sink refused or failed to deliver
 * @param lastError the most recent send error, or {@code null}
 * @param simulatedUntil how far the slowest sensor's simulated time has come
 * @param behindSeconds how late the latest chunks left compared with their schedule (0 when unpaced
 *     or on time): grows when the machine cannot keep up with the speed
 */
public record FleetStats(
        int sensors,
        long chunks,
        double audioSeconds,
        long delivered,
        long sendErrors,
        String lastError,
        Instant simulatedUntil,
        double behindSeconds) {}
