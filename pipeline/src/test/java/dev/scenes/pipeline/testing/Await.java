package dev.scenes.pipeline.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition of a running job, failing with what was awaited when it does not come. */
public final class Await {

    private Await() {}

    /**
     * Polls {@code condition} every 50 ms until it holds.
     *
     * @throws AssertionError naming {@code what} after {@code patience}
     */
    public static void until(String what, Duration patience, Callable<Boolean> condition)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + patience + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
