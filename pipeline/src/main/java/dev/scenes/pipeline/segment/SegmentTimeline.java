package dev.scenes.pipeline.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where segments lie in time and where samples lie in segments: segment {@code k} covers {@code [k
 * L, (k + 1) L)} microseconds since the epoch for a segment length {@code L}, and a sample at time
 * {@code t} sits at index {@code round((t - kL) * rate / 10^6)} of its segment's timeline at that
 * rate. Integer arithmetic throughout, so that chunks stamped to the microsecond land on exact
 * sample positions.
 */
final class SegmentTimeline {

    private final long segmentMicros;

    SegmentTimeline(long segmentMicros) {
        this.segmentMicros = segmentMicros;
    }

    long segmentMicros() {
        return segmentMicros;
    }

    /** The segment that contains time {@code micros}. */
    long index(long micros) {
        return Math.floorDiv(micros, segmentMicros);
    }

    /** Start of segment {@code index}, inclusive, in microseconds since the epoch. */
    long start(long index) {
        return index * segmentMicros;
    }

    /** End of segment {@code index}, exclusive. */
    long end(long index) {
        return (index + 1) * segmentMicros;
    }

    /**
     * The event-time timer (milliseconds) that closes segment {@code index}: it fires once the
     * watermark says no chunk starting before the segment's end can still come.
     */
    long timerMillis(long index) {
        return end(index) / 1000 - 1;
    }

    /** The segment a timer from {@link #timerMillis} closes. */
    long indexOfTimer(long timerMillis) {
        return Math.floorDiv((timerMillis + 1) * 1000, segmentMicros) - 1;
    }

    /** Samples at {@code rate} in {@code micros}, rounded to the nearest. */
    static long samples(long micros, int rate) {
        return Math.floorDiv(micros * rate + 500_000, 1_000_000);
    }

    /** Microseconds that {@code samples} at {@code rate} last, rounded to the nearest. */
    static long micros(long samples, int rate) {
        return Math.floorDiv(samples * 1_000_000 + rate / 2, rate);
    }

    /** Half a sample at {@code rate} in microseconds (at least 1): the slack of contiguity. */
    static long tolerance(int rate) {
        return Math.max(1, 500_000 / rate);
    }

    /** A part of a chunk that falls into one segment. */
    record Piece(long index, PendingAudio audio) {}

    /**
     * Cuts a chunk at segment boundaries: each sample goes to the segment its time falls in.
     *
     * @return one piece per segment touched, in time order; the first shares {@code samples} when
     *     the chunk does not straddle a boundary
     */
    List<Piece> split(long startMicros, int rate, float[] samples) {
        List<Piece> pieces = new ArrayList<>(2);
        int from = 0;
        long pieceStart = startMicros;
        while (from < samples.length) {
            long index = index(pieceStart);
            // Samples i with start + i / rate < end(index), i.e. i < (end - start) * rate / 10^6.
            long inSegment = Math.floorDiv((end(index) - startMicros) * rate + 999_999, 1_000_000);
            int to = (int) Math.min(samples.length, Math.max(from + 1, inSegment));
            float[] part =
                    from == 0 && to == samples.length
                            ? samples
                            : Arrays.copyOfRange(samples, from, to);
            pieces.add(new Piece(index, new PendingAudio(pieceStart, rate, part)));
            from = to;
            pieceStart = startMicros + micros(from, rate);
        }
        return pieces;
    }
}
