package dev.scenes.sensor.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Graceful Ctrl-C for a command: on SIGINT/SIGTERM the hook asks the work to stop, then holds the
 * JVM's shutdown until the command has flushed, closed and saved ({@link #close()}), at most 30 s.
 * A command that ends normally removes the hook, so in-process runs (tests) leave nothing behind.
 * Open it first and close it last, so that everything the command prints and closes happens before
 * the JVM exits.
 */
final class CtrlC implements AutoCloseable {

    private static final long GRACE_SECONDS = 30;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Runnable stopRequest = () -> {};

    /** Installs the hook; {@link #onStop} says what a stop request does. */
    CtrlC(String name) {
        hook =
                new Thread(
                        () -> {
                            stopRequest.run();
                            try {
                                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What Ctrl-C does first: ask the work to stop (it then finishes and cleans up). */
    void onStop(Runnable request) {
        this.stopRequest = request;
    }

    /** The command has cleaned up: lets a pending shutdown proceed, or removes the hook. */
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
