package dev.scenes.bench;

import dev.scenes.pipeline.decode.SampleEncoding;
import dev.scenes.pipeline.decode.SampleStats;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The job's per-sample work on one second of 44.1 kHz {@code PCM_S16LE} samples: the decoding to
 * floats ({@link SampleEncoding#decode}) that the classifier does once per chunk, and the pass over
 * the encoded samples that validation makes for the health sums ({@link SampleEncoding#measure}).
 * Until the health sums moved into validation, the job decoded every chunk twice: the largest
 * single Java frame in a JFR profile of the job under load.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@State(Scope.Thread)
public class ChunkDecodeBenchmark {

    private byte[] pcm;

    /** One second of random 16-bit samples. */
    @Setup
    public void setUp() {
        pcm = new byte[2 * 44_100];
        new Random(1).nextBytes(pcm);
    }

    /** Decodes one second of audio. */
    @Benchmark
    public float[] pcm16OneSecond() {
        return SampleEncoding.PCM_S16LE.decode(pcm);
    }

    /** Sum of squares and clipped samples of one second of audio, without decoding it. */
    @Benchmark
    public SampleStats pcm16MeasureOneSecond() {
        return SampleEncoding.PCM_S16LE.measure(pcm, 0.999);
    }
}
