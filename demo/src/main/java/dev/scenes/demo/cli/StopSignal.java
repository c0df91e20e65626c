package dev.scenes.demo.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a long-running command: the JVM shutdown hook raises the signal, then holds the JVM
 * until the command has shut down and printed ({@link #close()}), at most a minute. A command that
 * ends by itself removes the hook, so in-process runs (tests) leave nothing behind.
 */
final class StopSignal implements AutoCloseable {

    private static final long GRACE_SECONDS = 60;

    private final CountDownLatch raised = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(String name) {
        hook =
                new Thread(
                        () -> {
                            raised.countDown();
                            try {
                                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to {@code timeout} for Ctrl-C; true if it came. */
    boolean await(Duration timeout) throws InterruptedException {
        return raised.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether Ctrl-C came. */
    boolean raised() {
        return raised.getCount() == 0;
    }

    /** Lets a pending shutdown proceed, or removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down (Ctrl-C): the hook is running and now returns.
        }
    }
}
