package dev.scenes.bench;

import dev.scenes.bench.model.BenchModels;
import dev.scenes.pipeline.infer.SceneModel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Inference of one 10-second segment ({@code [1, 1, 40, 500]} log-mel of the real street clip)
 * through the job's own ONNX Runtime path ({@link SceneModel#classify}: tensor creation, run, copy
 * of the probabilities), int8 QDQ against fp32 of the same network and weights (see {@link
 * BenchModels}). Session options are the job's: intra-op and inter-op threads 1, sequential
 * execution, graph optimisation {@code ALL} (QDQ fusion into QLinearConv / QLinearMatMul, and the
 * layout transformations for this CPU).
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
public class InferenceBenchmark {

    /** The network. */
    @Param({"dcase2021-baseline", "cpmobile-s"})
    public String architecture;

    /** {@code fp32} or {@code int8}. */
    @Param({"fp32", "int8"})
    public String precision;

    private SceneModel model;
    private float[] input;

    /** Loads the model (generating it on first use) and the input. */
    @Setup
    public void setUp() throws Exception {
        BenchModels.Files files = BenchModels.get(architecture);
        Path file = precision.equals("int8") ? files.int8() : files.fp32();
        model = SceneModel.load(Files.readAllBytes(file), architecture + " " + precision, 10.0);
        input = BenchModels.streetInput();
    }

    /** One segment's class probabilities. */
    @Benchmark
    public float[] classify() {
        return model.classify(input);
    }

    /** Closes the session. */
    @TearDown
    public void tearDown() {
        model.close();
    }
}
