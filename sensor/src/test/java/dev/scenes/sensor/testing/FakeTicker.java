package dev.scenes.sensor.testing;

import dev.scenes.sensor.pace.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker whose time moves only when someone sleeps on it: pacing without wall-clock waits. */
public final class FakeTicker implements Ticker {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) {
        if (nanos <= 0) {
            throw new AssertionError("asked to sleep " + nanos + " ns");
        }
        slept.addAndGet(nanos);
        now.addAndGet(nanos);
    }

    /** Moves time on, as if work took {@code nanos}. */
    public void advance(long nanos) {
        now.addAndGet(nanos);
    }

    /** Total time slept. */
    public long sleptNanos() {
        return slept.get();
    }
}
