package dev.scenes.sensor.sink;

/**
 * What an asynchronous sink knows about its chunks.
 *
 * @param reports whether the sink reports deliveries at all (false: {@link #NONE})
 * @param delivered chunks the destination acknowledged
 * @param failed chunks that could not be delivered
 * @param lastError the most recent failure, one line, or {@code null}
 */
public record DeliveryStats(boolean reports, long delivered, long failed, String lastError) {

    /** A sink that does not report deliveries. */
    public static final DeliveryStats NONE = new DeliveryStats(false, 0, 0, null);
}
