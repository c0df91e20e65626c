package dev.scenes.pipeline.health;

/**
 * What {@link SensorHealth} keeps per sensor: a few numbers, whatever the sensor sends.
 *
 * <p>A mutable Flink POJO (public fields, public no-argument constructor) of primitives and an
 * enum, so Flink's POJO serializer handles it without Kryo.
 */
public final class HealthState {

    /** How the last judged window of audio sounded. */
    public enum Signal {
        /** Neither silent nor clipping. */
        NORMAL,
        /** RMS below the silence threshold. */
        SILENT,
        /** Too many samples at full scale. */
        CLIPPING
    }

    /** Processing time (ms) at which the last chunk arrived. */
    public long lastChunkMillis;

    /**
     * The sensor's chunk interval as learnt from its chunks: the audio duration of its latest
     * chunk, microseconds. The stall timeout is a multiple of it.
     */
    public long chunkMicros;

    /** The one pending processing-time timer (liveness, or forgetting once stalled); 0: none. */
    public long timerMillis;

    /** Whether {@code STALLED} was reported and no chunk came since. */
    public boolean stalled;

    /** The last reported signal judgement. */
    public Signal signal = Signal.NORMAL;

    /** Whether {@code CLOCK_SKEW} was reported and not yet taken back. */
    public boolean clockSkewed;

    /** Audio (microseconds) in the current window. */
    public long windowMicros;

    /** Samples in the current window. */
    public long windowSamples;

    /** Sum of squared samples in the current window. */
    public double windowSumSquares;

    /** Clipped samples in the current window. */
    public long windowClipped;

    /**
     * The largest (sensor clock at a chunk's end) minus (job clock at its arrival) in the current
     * window, in ms: transport delays only lower it, so the least delayed chunk measures the clock.
     */
    public long windowSkewMillis = Long.MIN_VALUE;

    /** Starts the next window. */
    void resetWindow() {
        windowMicros = 0;
        windowSamples = 0;
        windowSumSquares = 0;
        windowClipped = 0;
        windowSkewMillis = Long.MIN_VALUE;
    }
}
