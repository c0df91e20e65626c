package dev.scenes.bench;

import dev.scenes.audio.decode.AudioDecoder;
import dev.scenes.audio.frontend.StreamingLogMel;
import dev.scenes.bench.model.BenchModels;
import dev.scenes.pipeline.decode.SampleEncoding;
import dev.scenes.pipeline.infer.SceneModel;
import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.AudioEncoding;
import dev.scenes.schema.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel of the job, per 10-second segment on one thread: the segment's {@code AudioChunk}
 * records as they come off Kafka (Avro single-object bytes, {@code PCM_S16LE}, 44.1 kHz) are
 * decoded ({@link WireCodec}, {@link SampleEncoding}), fed to the streaming log-mel frontend, whose
 * frames are written band-major into the model's input, and the segment is classified by the int8
 * model through {@link SceneModel}. The job adds to this its state handling, serialization between
 * operators, Kafka and checkpoints; the load harness measures those.
 *
 * <p>One operation is 10 s of audio, so {@code K = 10 s / (time per operation)} audio-seconds per
 * CPU-second on one core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Thread)
public class KernelBenchmark {

    /** The network (int8). */
    @Param({"cpmobile-s", "dcase2021-baseline"})
    public String architecture;

    /** Chunk length in milliseconds of audio. */
    @Param({"1000"})
    public int chunkMillis;

    private byte[][] records;
    private SceneModel model;
    private StreamingLogMel frontend;
    private float[] patch;
    private int frames;
    private int mels;
    private final StreamingLogMel.FrameConsumer toPatch =
            (t, frame) -> {
                if (t < frames) {
                    for (int m = 0; m < mels; m++) {
                        patch[m * frames + t] = frame[m];
                    }
                }
            };

    /** Encodes the street clip's 10 s as chunk records and loads the int8 model. */
    @Setup
    public void setUp() throws Exception {
        float[] clip =
                Arrays.copyOf(
                        AudioDecoder.decode(
                                        BenchData.root().resolve("real/street-10s-stereo-44k1.wav"))
                                .samples(),
                        441_000);
        int chunk = 44_100 * chunkMillis / 1000;
        int n = (clip.length + chunk - 1) / chunk;
        records = new byte[n][];
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        for (int i = 0; i < n; i++) {
            int from = i * chunk;
            int len = Math.min(chunk, clip.length - from);
            AudioChunk record =
                    AudioChunk.newBuilder()
                            .setSensorId("bench-0001")
                            .setDevice("a")
                            .setSeq(i)
                            .setStartTime(start.plusMillis((long) i * chunkMillis))
                            .setSampleRate(44_100)
                            .setEncoding(AudioEncoding.PCM_S16LE)
                            .setSamples(ByteBuffer.wrap(pcm16(clip, from, len)))
                            .setSite(null)
                            .setLabels(Map.of())
                            .build();
            records[i] = WireCodec.AUDIO_CHUNK.encode(record);
        }
        model =
                SceneModel.load(
                        Files.readAllBytes(BenchModels.get(architecture).int8()),
                        architecture + " int8",
                        10.0);
        frontend = new StreamingLogMel(model.frontend());
        frames = model.frames();
        mels = model.mels();
        patch = new float[mels * frames];
    }

    /** One 10-s segment: decode, log-mel, int8 inference. */
    @Benchmark
    public float[] segment() {
        for (byte[] bytes : records) {
            AudioChunk chunk = WireCodec.AUDIO_CHUNK.decode(bytes);
            ByteBuffer samples = chunk.getSamples();
            byte[] raw = new byte[samples.remaining()];
            samples.duplicate().get(raw);
            frontend.accept(SampleEncoding.PCM_S16LE.decode(raw), toPatch);
        }
        frontend.endSegment(toPatch);
        return model.classify(patch);
    }

    /** Closes the session. */
    @TearDown
    public void tearDown() {
        model.close();
    }

    static byte[] pcm16(float[] x, int off, int len) {
        byte[] out = new byte[2 * len];
        for (int i = 0; i < len; i++) {
            int v = (int) Math.max(-32768, Math.min(32767, Math.rint(x[off + i] * 32768.0)));
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
