package dev.scenes.cluster.process;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits for a process or a cluster to reach a state. */
public final class Wait {

    private Wait() {}

    /**
     * Polls {@code condition} every {@code 100 ms} until it holds; exceptions it throws count as
     * "not yet" (a server that is still starting refuses connections).
     *
     * @throws IllegalStateException naming {@code what} and the last exception, after {@code
     *     patience}
     */
    public static void until(String what, Duration patience, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "gave up after "
                                + patience
                                + " waiting for "
                                + what
                                + (last == null ? "" : "; last error: " + last),
                        last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
