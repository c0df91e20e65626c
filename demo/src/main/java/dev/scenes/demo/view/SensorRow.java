package dev.scenes.demo.view;

/**
 * One sensor's line of the live view.
 *
 * @param sensorId the sensor
 * @param device its device label ({@code a}, {@code s4}, ...)
 * @param trueScene the true scene of its latest chunk, or {@code null}
 * @param predicted the scene of its latest event, or {@code null} before the first
 * @param confidence that event's confidence
 * @param modelVersion that event's model version
 * @param lagSeconds time from the segment's last chunk leaving to the event being seen; NaN if
 *     unknown
 * @param events events seen for the sensor
 * @param tally its scored segments
 */
public record SensorRow(
        String sensorId,
        String device,
        String trueScene,
        String predicted,
        float confidence,
        String modelVersion,
        double lagSeconds,
        long events,
        Tally tally) {}
