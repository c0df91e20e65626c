package dev.scenes.sensor.chunk;

/**
 * Gives a sensor's chunks their {@code seq} and {@code startTime}, so that the chunks tile time
 * exactly: each chunk starts where the previous one ended.
 *
 * <p>Start times are computed from the sample position, not by adding up chunk durations: within a
 * run of one sample rate, chunk {@code k} starts at {@code origin + floor(samplesBefore * 10^6 /
 * rate)} microseconds. So a start time is the exact time of its first sample rounded down to the
 * microsecond, consecutive start times differ from the previous chunk's exact duration by less than
 * 1 µs, and the error never accumulates (1-s chunks at 44.1 kHz are exactly 1 000 000 µs apart; 10
 * ms chunks at 44.1 kHz, 441 samples, too; chunks of 1000 samples at 48 kHz alternate 20 833 and 20
 * 834 µs). When the sample rate changes (the next file of a folder), the new run starts where the
 * last chunk ended.
 *
 * <p>Not thread-safe: one timeline per sensor, used by one thread at a time.
 */
public final class ChunkTimeline {

    /** Rebase after this many samples so that {@code samples * 10^6} never overflows. */
    private static final long REBASE_SAMPLES = 1L << 40;

    private long nextSeq;
    private long originMicros;
    private int rate;
    private long samples;
    private long endMicros;

    /**
     * A timeline whose next chunk gets {@code nextSeq} and starts at {@code startMicros}.
     *
     * @param nextSeq the sequence number of the next chunk, >= 0
     * @param startMicros the start of the next chunk, microseconds since the epoch
     */
    public ChunkTimeline(long nextSeq, long startMicros) {
        if (nextSeq < 0) {
            throw new IllegalArgumentException("nextSeq is " + nextSeq + "; expected >= 0");
        }
        this.nextSeq = nextSeq;
        this.originMicros = startMicros;
        this.endMicros = startMicros;
    }

    /**
     * Stamps the next chunk of {@code sampleCount} samples at {@code sampleRate} Hz and moves on.
     */
    public ChunkStamp next(int sampleCount, int sampleRate) {
        if (sampleCount <= 0) {
            throw new IllegalArgumentException(
                    "sampleCount is " + sampleCount + "; a chunk needs at least one sample");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate is " + sampleRate + "; expected > 0");
        }
        if (sampleRate != rate || samples >= REBASE_SAMPLES) {
            originMicros = endMicros;
            rate = sampleRate;
            samples = 0;
        }
        long start = endMicros;
        samples += sampleCount;
        long end = originMicros + samples * 1_000_000L / rate;
        ChunkStamp stamp = new ChunkStamp(nextSeq, start, end);
        nextSeq++;
        endMicros = end;
        return stamp;
    }

    /** The sequence number the next chunk gets. */
    public long nextSeq() {
        return nextSeq;
    }

    /** Where the next chunk starts: the end of the last one, microseconds since the epoch. */
    public long endMicros() {
        return endMicros;
    }
}
