package dev.scenes.sensor.fleet;

import dev.scenes.audio.synth.ChunkTruth;
import dev.scenes.audio.synth.SensorStream;
import dev.scenes.schema.AudioChunk;
import dev.scenes.sensor.chunk.ChunkMaker;
import dev.scenes.sensor.chunk.ChunkStamp;
import dev.scenes.sensor.chunk.ChunkTimeline;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated sensor of a {@link Fleet}: its synthesized stream, its chunk timeline and its chunk
 * maker. Used by one worker thread only.
 */
final class SimulatedSensor {

    /** Label of the true scene of a chunk: the scene that covers most of it. */
    static final String LABEL_SCENE = "scene";

    /** Label of the share of the chunk that the true scene covers, e.g. {@code 0.850}. */
    static final String LABEL_SHARE = "scene.share";

    /** Label saying whether the chunk touches a cross-fade between scenes. */
    static final String LABEL_CROSSFADE = "crossfade";

    private final SensorInfo info;
    private final SensorStream stream;
    private final ChunkMaker maker;
    private ChunkTimeline timeline;

    SimulatedSensor(SensorInfo info, SensorStream stream) {
        this.info = info;
        this.stream = stream;
        this.maker = new ChunkMaker(info.id(), info.device().label(), info.site());
    }

    SensorInfo info() {
        return info;
    }

    int sampleRate() {
        return stream.sampleRate();
    }

    /** Sets where the first chunk starts. */
    void startAt(long startMicros) {
        timeline = new ChunkTimeline(0, startMicros);
    }

    /** Synthesizes the next {@code samples} samples into {@code scratch} and makes their chunk. */
    AudioChunk next(float[] scratch, int samples) {
        stream.read(scratch, 0, samples);
        ChunkTruth truth = stream.truth(stream.position() - samples, samples);
        ChunkStamp stamp = timeline.next(samples, stream.sampleRate());
        Map<String, String> labels =
                Map.of(
                        LABEL_SCENE,
                        truth.scene().label(),
                        LABEL_SHARE,
                        String.format(Locale.ROOT, "%.3f", truth.share()),
                        LABEL_CROSSFADE,
                        Boolean.toString(truth.crossfade()));
        return maker.make(stamp, stream.sampleRate(), scratch, 0, samples, labels);
    }
}
