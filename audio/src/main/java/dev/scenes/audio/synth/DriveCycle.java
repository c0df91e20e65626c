package dev.scenes.audio.synth;

import java.util.Arrays;

/**
 * The speed profile of a vehicle or of the trains serving a platform: stop, accelerate, cruise,
 * brake, stop again, as a pure function of the sample position (so several layers can read it
 * without coordinating).
 *
 * <p>For a platform ({@code station = true}) the "cruise" phase means no train is at the platform:
 * {@link #presence} is 0 there and rises while a train brakes in, stays 1 while it dwells, and
 * falls as it leaves. Phases are generated lazily from a seed; the first cycle starts at a random
 * point so that short clips see every phase.
 */
final class DriveCycle {

    /** What the vehicle is doing. */
    enum Phase {
        STOPPED,
        ACCELERATING,
        CRUISING,
        BRAKING
    }

    private final double fs;
    private final boolean station;
    private final double maxSpeed;
    private final double acceleration;
    private final double dwellMean;
    private final double cruiseMean;
    private final Prng rng;
    private long[] starts = new long[16];
    private Phase[] phases = new Phase[16];
    private int count;
    private final long offset;

    /**
     * @param maxSpeed cruising speed in m/s
     * @param acceleration m/s^2, also used for braking
     * @param dwellMean mean stop duration in seconds
     * @param cruiseMean mean cruise (or, at a platform, train-absent) duration in seconds
     */
    DriveCycle(
            double fs,
            long seed,
            boolean station,
            double maxSpeed,
            double acceleration,
            double dwellMean,
            double cruiseMean) {
        this.fs = fs;
        this.station = station;
        this.maxSpeed = maxSpeed;
        this.acceleration = acceleration;
        this.dwellMean = dwellMean;
        this.cruiseMean = cruiseMean;
        this.rng = new Prng(seed);
        double rampSeconds = maxSpeed / acceleration;
        double cycleSeconds = 2 * rampSeconds + dwellMean + cruiseMean;
        this.offset = (long) (rng.uniform() * cycleSeconds * fs);
        append(Phase.STOPPED, 0);
    }

    private void append(Phase phase, long start) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            phases = Arrays.copyOf(phases, count * 2);
        }
        starts[count] = start;
        phases[count] = phase;
        count++;
    }

    private void extendTo(long t) {
        double ramp = maxSpeed / acceleration;
        while (starts[count - 1] <= t) {
            Phase last = phases[count - 1];
            long start = starts[count - 1];
            double seconds =
                    switch (last) {
                        case STOPPED -> dwellMean * rng.uniform(0.6, 1.4);
                        case ACCELERATING, BRAKING -> ramp;
                        case CRUISING -> cruiseMean * rng.uniform(0.5, 1.5);
                    };
            Phase next =
                    switch (last) {
                        case STOPPED -> Phase.ACCELERATING;
                        case ACCELERATING -> Phase.CRUISING;
                        case CRUISING -> Phase.BRAKING;
                        case BRAKING -> Phase.STOPPED;
                    };
            append(next, start + Math.max(1, (long) (seconds * fs)));
        }
    }

    private int segment(long position) {
        long t = position + offset;
        extendTo(t);
        int i = Arrays.binarySearch(starts, 0, count, t);
        return i >= 0 ? i : -i - 2;
    }

    Phase phase(long position) {
        return phases[segment(position)];
    }

    /** Speed in m/s at {@code position}. */
    double speed(long position) {
        int i = segment(position);
        double elapsed = (position + offset - starts[i]) / fs;
        return switch (phases[i]) {
            case STOPPED -> 0;
            case CRUISING -> maxSpeed;
            case ACCELERATING -> Math.min(maxSpeed, elapsed * acceleration);
            case BRAKING -> Math.max(0, maxSpeed - elapsed * acceleration);
        };
    }

    /** Signed acceleration in m/s^2 at {@code position}. */
    double acceleration(long position) {
        return switch (phase(position)) {
            case ACCELERATING -> acceleration;
            case BRAKING -> -acceleration;
            default -> 0;
        };
    }

    /** 0..1 share of the speed range: {@code speed / maxSpeed}. */
    double load(long position) {
        return speed(position) / maxSpeed;
    }

    /** For a platform: 1 while a train is in or at it, 0 while none is; always 1 on board. */
    double presence(long position) {
        if (!station) {
            return 1;
        }
        return switch (phase(position)) {
            case STOPPED -> 1;
            case BRAKING, ACCELERATING -> Math.sqrt(1 - load(position));
            case CRUISING -> 0;
        };
    }

    double maxSpeed() {
        return maxSpeed;
    }
}
