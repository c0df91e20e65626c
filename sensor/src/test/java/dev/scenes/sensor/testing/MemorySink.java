package dev.scenes.sensor.testing;

import dev.scenes.schema.AudioChunk;
import dev.scenes.sensor.pace.Ticker;
import dev.scenes.sensor.sink.ChunkSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every chunk with the ticker time at which it was handed over. Thread-safe. */
public final class MemorySink implements ChunkSink {

    /** One hand-over. */
    public record Sent(String sensorId, AudioChunk chunk, long atNanos) {}

    private final Ticker ticker;
    private final List<Sent> sent = new ArrayList<>();

    /** A sink that stamps hand-overs with {@code ticker}'s time. */
    public MemorySink(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public synchronized void accept(String sensorId, AudioChunk chunk) {
        sent.add(new Sent(sensorId, chunk, ticker.nanoTime()));
    }

    /** A copy of what was handed over, in order. */
    public synchronized List<Sent> sent() {
        return List.copyOf(new ArrayList<>(sent));
    }
}
