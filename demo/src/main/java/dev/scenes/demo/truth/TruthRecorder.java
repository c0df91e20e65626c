package dev.scenes.demo.truth;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.AudioEncoding;
import dev.scenes.sensor.sink.ChunkSink;
import dev.scenes.sensor.sink.DeliveryStats;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A {@link ChunkSink} in front of another that remembers, per sensor, the true scene of every chunk
 * (the simulator's {@code scene} label), its time span and when it was handed over, then passes the
 * chunk on unchanged.
 *
 * <p>A segment's truth is the scene that covers most of its audio ({@link #truthOf}); the chunks
 * before a judged segment are then forgotten, since a sensor's events come in segment order. A
 * sensor keeps at most {@value #MAX_CHUNKS_PER_SENSOR} chunks, so memory stays bounded even when no
 * event ever comes.
 */
public final class TruthRecorder implements ChunkSink {

    /** The simulator's label with the true scene of a chunk. */
    public static final String SCENE_LABEL = "scene";

    static final int MAX_CHUNKS_PER_SENSOR = 20_000;

    private record Span(long startMicros, long endMicros, String scene, long sentNanos) {}

    private static final class SensorLog {
        private final ArrayDeque<Span> spans = new ArrayDeque<>();
        private String currentScene;
    }

    private final ChunkSink next;
    private final LongSupplier nanoClock;
    private final Map<String, SensorLog> sensors = new ConcurrentHashMap<>();
    private final LongAdder chunks = new LongAdder();

    /** Records in front of {@code next}, timing with {@link System#nanoTime()}. */
    public TruthRecorder(ChunkSink next) {
        this(next, System::nanoTime);
    }

    /** Records in front of {@code next}, timing with {@code nanoClock} (tests). */
    public TruthRecorder(ChunkSink next, LongSupplier nanoClock) {
        this.next = Objects.requireNonNull(next, "next");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public void accept(String sensorId, AudioChunk chunk) {
        next.accept(sensorId, chunk);
        long start = micros(chunk.getStartTime());
        long end = start + durationMicros(chunk);
        String scene = chunk.getLabels() == null ? null : chunk.getLabels().get(SCENE_LABEL);
        SensorLog log = sensors.computeIfAbsent(sensorId, id -> new SensorLog());
        synchronized (log) {
            log.spans.addLast(new Span(start, end, scene, nanoClock.getAsLong()));
            log.currentScene = scene;
            while (log.spans.size() > MAX_CHUNKS_PER_SENSOR) {
                log.spans.removeFirst();
            }
        }
        chunks.increment();
    }

    /** Chunks handed over so far. */
    public long chunks() {
        return chunks.sum();
    }

    /** The true scene of the latest chunk of {@code sensorId}. */
    public Optional<String> currentScene(String sensorId) {
        SensorLog log = sensors.get(sensorId);
        if (log == null) {
            return Optional.empty();
        }
        synchronized (log) {
            return Optional.ofNullable(log.currentScene);
        }
    }

    /**
     * The truth of segment {@code [startMicros, endMicros)} of {@code sensorId}; forgets the chunks
     * that end before the segment starts.
     */
    public SegmentTruth truthOf(String sensorId, long startMicros, long endMicros) {
        SensorLog log = sensors.get(sensorId);
        if (log == null) {
            return SegmentTruth.UNKNOWN;
        }
        Map<String, Long> byScene = new HashMap<>();
        long covered = 0;
        long lastSent = 0;
        synchronized (log) {
            while (!log.spans.isEmpty() && log.spans.peekFirst().endMicros() <= startMicros) {
                log.spans.removeFirst();
            }
            for (Iterator<Span> it = log.spans.iterator(); it.hasNext(); ) {
                Span s = it.next();
                if (s.startMicros() >= endMicros) {
                    break;
                }
                long overlap =
                        Math.min(endMicros, s.endMicros()) - Math.max(startMicros, s.startMicros());
                if (overlap <= 0 || s.scene() == null) {
                    continue;
                }
                byScene.merge(s.scene(), overlap, Long::sum);
                covered += overlap;
                lastSent = Math.max(lastSent, s.sentNanos());
            }
        }
        String scene =
                byScene.entrySet().stream()
                        .max(
                                Map.Entry.<String, Long>comparingByValue()
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey)
                        .orElse(null);
        return scene == null ? SegmentTruth.UNKNOWN : new SegmentTruth(scene, covered, lastSent);
    }

    @Override
    public void flush() {
        next.flush();
    }

    @Override
    public DeliveryStats delivery() {
        return next.delivery();
    }

    @Override
    public void close() {
        next.close();
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static long durationMicros(AudioChunk chunk) {
        int bytesPerSample = chunk.getEncoding() == AudioEncoding.PCM_S16LE ? 2 : 4;
        long samples = chunk.getSamples().remaining() / bytesPerSample;
        return samples * 1_000_000L / chunk.getSampleRate();
    }
}
