package dev.scenes.bench;

import dev.scenes.audio.device.Device;
import dev.scenes.audio.synth.City;
import dev.scenes.audio.synth.EventLibrary;
import dev.scenes.audio.synth.SceneSchedule;
import dev.scenes.audio.synth.SensorStream;
import dev.scenes.audio.synth.SynthKnobs;
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
 * The streaming scene generator of one simulated sensor on one thread: device b, chunks of 100 ms,
 * a random schedule that changes scene every 20-40 s (so renderer creation and cross-fades are
 * included, more often than the minutes of a real schedule). One operation is one second of audio,
 * so the score in ops/s is the speed in <b>multiples of real time per core</b>.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@State(Scope.Thread)
public class SynthBenchmark {

    private static final int CHUNK = 4_410;

    private SensorStream stream;
    private final float[] chunk = new float[CHUNK];

    /** A sensor in Lyon with a phone-like microphone (device b). */
    @Setup
    public void setUp() {
        stream =
                new SensorStream(
                        SceneSchedule.random(7, 20, 40),
                        City.LYON,
                        17,
                        Device.B,
                        7,
                        SynthKnobs.defaults(),
                        EventLibrary.empty());
    }

    /** One second of audio in ten 100 ms chunks. */
    @Benchmark
    public float oneSecondOfAudio() {
        float sink = 0;
        for (int i = 0; i < 10; i++) {
            stream.read(chunk, 0, CHUNK);
            sink += chunk[CHUNK - 1];
        }
        return sink;
    }
}
