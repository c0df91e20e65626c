package dev.scenes.sensor.pace;

/**
 * A monotonic clock that can wait: {@link System#nanoTime()} and {@link Thread#sleep} in
 * production, a fake in tests so that pacing is checked without wall-clock assertions.
 */
public interface Ticker {

    /** The current time of this ticker in nanoseconds; only differences mean anything. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds (> 0). */
    void sleep(long nanos) throws InterruptedException;

    /** {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
