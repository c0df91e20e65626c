package dev.scenes.sensor.pace;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Releases chunks at the pace their audio was (or would have been) recorded, {@code speed} times
 * faster.
 *
 * <p>Scheduling is drift-free: the deadline of a chunk is computed from the start of the run and
 * the total audio time up to the chunk's end ({@code start + audioMicros / speed}), never from the
 * previous send, so a late wake-up or a slow send is made up by the next chunk instead of pushing
 * every later chunk back. When the sender falls behind, chunks go out at once until it has caught
 * up. Speed 0 means no pacing at all. Waits are cut into slices of at most {@link #SLICE_NANOS} so
 * that a stop request is noticed quickly.
 */
public final class Pacer {

    /** The longest single sleep: 50 ms. */
    public static final long SLICE_NANOS = 50_000_000L;

    private final Ticker ticker;
    private final double speed;
    private final BooleanSupplier stopped;
    private long originNanos;
    private boolean started;

    /**
     * @param ticker the clock to wait on
     * @param speed audio seconds per second of the ticker: 1 = real time, 0 = no pacing
     * @param stopped when true, waits end early
     */
    public Pacer(Ticker ticker, double speed, BooleanSupplier stopped) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(
                    "speed is " + speed + "; expected 0 (no pacing) or a positive factor");
        }
        this.speed = speed;
    }

    /** Starts the clock of the run: audio time 0 is now. Called once, before the first wait. */
    public void start() {
        start(ticker.nanoTime());
    }

    /**
     * Starts the clock of the run at ticker time {@code originNanos} (shared by several pacers).
     */
    public void start(long originNanos) {
        this.originNanos = originNanos;
        started = true;
    }

    /** Whether this pacer waits at all (speed > 0). */
    public boolean paced() {
        return speed > 0;
    }

    /** The ticker time at which audio time {@code audioMicros} is due. */
    public long deadlineNanos(long audioMicros) {
        requireStarted();
        return originNanos + Math.round(audioMicros * 1000.0 / speed);
    }

    /**
     * Waits until audio time {@code audioMicros} (microseconds since the start of the run) is due.
     *
     * @return false if the wait ended because of a stop request
     */
    public boolean awaitAudioTime(long audioMicros) throws InterruptedException {
        if (!paced()) {
            return !stopped.getAsBoolean();
        }
        long deadline = deadlineNanos(audioMicros);
        while (!stopped.getAsBoolean()) {
            long left = deadline - ticker.nanoTime();
            if (left <= 0) {
                return true;
            }
            ticker.sleep(Math.min(left, SLICE_NANOS));
        }
        return false;
    }

    /**
     * How far behind the schedule of audio time {@code audioMicros} the ticker is now, in
     * nanoseconds (0 when on time or unpaced).
     */
    public long lagNanos(long audioMicros) {
        if (!paced()) {
            return 0;
        }
        return Math.max(0, ticker.nanoTime() - deadlineNanos(audioMicros));
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("the pacer was not started");
        }
    }
}
