package dev.scenes.pipeline.health;

import dev.scenes.pipeline.job.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SensorHealth} judges a sensor's stream.
 *
 * @param stallAfter processing time without a chunk after which a sensor is {@code STALLED}
 * @param forgetAfter processing time without a chunk after which a stalled sensor's state is
 *     dropped; a sensor that comes back later is new again (no {@code RECOVERED}). Bounds the state
 *     of sensors that were taken down for good
 * @param window how much of a sensor's audio each signal and clock judgement looks at: statuses
 *     change at most once per window, never per chunk
 * @param silenceRms RMS (full scale 1.0) of a window below which the sensor is {@code SILENT}
 * @param clipLevel absolute sample value from which a sample counts as clipped
 * @param clipFraction share of clipped samples in a window above which the sensor is {@code
 *     CLIPPING}
 * @param maxClockSkew how far a sensor's clock may be from the job's before it is {@code
 *     CLOCK_SKEW}. A sensor behind by more than the job's out-of-orderness has its chunks treated
 *     as late, so the bound is best a few times that
 */
public record HealthConfig(
        Duration stallAfter,
        Duration forgetAfter,
        Duration window,
        double silenceRms,
        double clipLevel,
        double clipFraction,
        Duration maxClockSkew)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates every field; messages name the field and what is allowed. */
    public HealthConfig {
        Objects.requireNonNull(stallAfter, "stallAfter");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (stallAfter.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "stall timeout is "
                            + Durations.format(stallAfter)
                            + "; expected at least 1ms, e.g. 30s");
        }
        if (forgetAfter.compareTo(stallAfter) <= 0) {
            throw new IllegalArgumentException(
                    "a stalled sensor is forgotten after "
                            + Durations.format(forgetAfter)
                            + ", not after the stall timeout "
                            + Durations.format(stallAfter)
                            + "; expected longer");
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "health window is " + Durations.format(window) + "; expected at least 1ms");
        }
        if (!(silenceRms >= 0) || !(clipLevel > 0 && clipLevel <= 1)) {
            throw new IllegalArgumentException(
                    "silence RMS "
                            + silenceRms
                            + " / clip level "
                            + clipLevel
                            + "; expected >= 0 and 0 < level <= 1");
        }
        if (!(clipFraction >= 0 && clipFraction <= 1)) {
            throw new IllegalArgumentException(
                    "clip fraction is " + clipFraction + "; expected 0..1");
        }
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException(
                    "max clock skew is " + Durations.format(maxClockSkew) + "; expected >= 0");
        }
    }

    /**
     * Stalled after 30 s without a chunk, forgotten after a day; judged on 5 s of audio at a time:
     * silent below -80 dBFS RMS, clipping when more than 0.1 % of samples reach 0.999 (the
     * segments' thresholds), clock skew beyond 10 s.
     */
    public static HealthConfig defaults() {
        return new HealthConfig(
                Duration.ofSeconds(30),
                Duration.ofDays(1),
                Duration.ofSeconds(5),
                1e-4,
                0.999,
                0.001,
                Duration.ofSeconds(10));
    }

    /** The same settings with another stall timeout. */
    public HealthConfig withStallAfter(Duration stallAfter) {
        return new HealthConfig(
                stallAfter, forgetAfter, window, silenceRms, clipLevel, clipFraction, maxClockSkew);
    }
}
