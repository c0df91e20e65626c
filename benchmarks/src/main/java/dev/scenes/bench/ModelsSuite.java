package dev.scenes.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scenes.bench.model.BenchModels;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./scenes bench inference}: in one run, the JMH inference benchmark (int8 and fp32 ONNX of
 * both networks), the kernel benchmark (decode + frontend + int8 inference per segment) and the
 * PyTorch fp32 peer on the baseline network (same weights, same input, one thread); then a summary
 * with the ratios the targets speak of and K, written also to {@code
 * target/bench-results/inference-<time>.txt}.
 */
final class ModelsSuite {

    private static final Pattern MEDIAN = Pattern.compile("\"median_ms\": ([0-9.]+)");
    private static final Pattern MEDIAN_CPU = Pattern.compile("\"median_cpu_ms\": ([0-9.]+)");

    private ModelsSuite() {}

    static int run(String[] jmhArgs) throws Exception {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs);
        } catch (Exception e) {
            System.err.println("scenes bench inference: " + e.getMessage());
            return 2;
        }
        Machine before = Machine.now();
        // Generate the models before timing anything (and before the forks, which share them).
        for (String arch : List.of("dcase2021-baseline", "cpmobile-s")) {
            BenchModels.get(arch);
        }
        Options options =
                new OptionsBuilder()
                        .parent(cli)
                        .include(InferenceBenchmark.class.getName() + ".*")
                        .include(KernelBenchmark.class.getName() + ".*")
                        .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> ms = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String arch = r.getParams().getParam("architecture");
            String key =
                    bench.endsWith(".classify")
                            ? arch + " " + r.getParams().getParam("precision")
                            : arch + " kernel";
            ms.put(
                    key,
                    new double[] {
                        r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()
                    });
        }
        Map<String, Double> cpu = cpuTimes();
        String peer = runPeer(BenchModels.get("dcase2021-baseline").peerManifest());
        Machine after = Machine.now();
        String summary = summary(ms, peer, before, after) + cpuSummary(cpu, peer);
        System.out.println(summary);
        Path dir = BenchModels.targetDirectory().resolve("bench-results");
        Files.createDirectories(dir);
        Path file = dir.resolve("inference-" + before.at().toString().replace(':', '-') + ".txt");
        Files.writeString(file, summary);
        System.out.println("wrote " + file);
        return 0;
    }

    /**
     * The same operations timed by thread CPU time ({@link CpuTimer}) in this JVM: robust to the
     * time a thread spends descheduled on a shared machine, and the definition of K.
     */
    private static Map<String, Double> cpuTimes() throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String arch : List.of("dcase2021-baseline", "cpmobile-s")) {
            for (String precision : List.of("fp32", "int8")) {
                InferenceBenchmark b = new InferenceBenchmark();
                b.architecture = arch;
                b.precision = precision;
                b.setUp();
                out.put(arch + " " + precision, CpuTimer.nanosPerOp(b::classify, 3, 15) / 1e6);
                b.tearDown();
                out.put(
                        arch + " " + precision + " EXTENDED",
                        extendedSessionMillis(arch, precision));
            }
            KernelBenchmark k = new KernelBenchmark();
            k.architecture = arch;
            k.chunkMillis = 1000;
            k.setUp();
            out.put(arch + " kernel", CpuTimer.nanosPerOp(k::segment, 3, 15) / 1e6);
            k.tearDown();
        }
        FrontendBenchmark f = new FrontendBenchmark();
        f.chunkMillis = 1000;
        f.setUp();
        out.put("frontend streaming (1-s chunks)", CpuTimer.nanosPerOp(f::streaming, 3, 15) / 1e6);
        return out;
    }

    /**
     * CPU time of the same model in a session like the job's but with graph optimisation {@code
     * EXTENDED} (no layout transformations): the job's setting before it moved to {@code ALL}.
     */
    private static double extendedSessionMillis(String arch, String precision) throws Exception {
        BenchModels.Files files = BenchModels.get(arch);
        byte[] model = Files.readAllBytes(precision.equals("int8") ? files.int8() : files.fp32());
        float[] input = BenchModels.streetInput();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            try (OrtSession session = env.createSession(model, options)) {
                long[] shape = {1, 1, 40, 500};
                return CpuTimer.nanosPerOp(
                                () -> {
                                    try (OnnxTensor t =
                                                    OnnxTensor.createTensor(
                                                            env, FloatBuffer.wrap(input), shape);
                                            OrtSession.Result r =
                                                    session.run(Map.of("logmel", t))) {
                                        return ((float[][]) r.get(0).getValue())[0];
                                    } catch (OrtException e) {
                                        throw new IllegalStateException(
                                                "Failed to execute ONNX model " + arch, e);
                                    }
                                },
                                3,
                                15)
                        / 1e6;
            }
        }
    }

    private static String cpuSummary(Map<String, Double> cpu, String peer) {
        StringBuilder s = new StringBuilder();
        s.append("\n== by thread CPU time (median of 15 rounds, this JVM) ==\n");
        cpu.forEach((k, v) -> s.append(String.format(Locale.ROOT, "%-32s %8.3f ms CPU%n", k, v)));
        for (String arch : List.of("dcase2021-baseline", "cpmobile-s")) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "%s: int8 %.2fx faster than ORT fp32 (%.2fx with both at EXTENDED);"
                                    + " kernel K = %.0f audio-s per CPU-s%n",
                            arch,
                            cpu.get(arch + " fp32") / cpu.get(arch + " int8"),
                            cpu.get(arch + " fp32 EXTENDED") / cpu.get(arch + " int8 EXTENDED"),
                            10_000 / cpu.get(arch + " kernel")));
        }
        Matcher m = MEDIAN_CPU.matcher(peer);
        if (m.find()) {
            double torch = Double.parseDouble(m.group(1));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "dcase2021-baseline: int8 ORT %.2fx faster than PyTorch fp32 by CPU time"
                                    + " (%.3f ms; target >= 2x); ORT fp32 %.2fx%n",
                            torch / cpu.get("dcase2021-baseline int8"),
                            torch,
                            torch / cpu.get("dcase2021-baseline fp32")));
        }
        return s.toString();
    }

    private static String runPeer(Path manifest) throws IOException, InterruptedException {
        Path script = BenchModels.targetDirectory().getParent().resolve("peers/inference_torch.sh");
        Process p =
                new ProcessBuilder(script.toString(), manifest.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        if (rc != 0) {
            return "FAILED (exit " + rc + "): " + out;
        }
        return out;
    }

    private static String summary(
            Map<String, double[]> ms, String peer, Machine before, Machine after) {
        StringBuilder s = new StringBuilder();
        s.append("\n== inference summary ==\n");
        s.append("machine: ").append(before.describe()).append('\n');
        s.append("load average after: ").append(after.loadAverage()).append('\n');
        s.append(
                "ORT sessions: the job's SceneModel (intra-op 1, inter-op 1, sequential, graph"
                        + " optimisation ALL)\n");
        ms.forEach(
                (k, v) ->
                        s.append(
                                String.format(
                                        Locale.ROOT, "%-32s %8.3f +- %.3f ms%n", k, v[0], v[1])));
        for (String arch : List.of("dcase2021-baseline", "cpmobile-s")) {
            double[] fp32 = ms.get(arch + " fp32");
            double[] int8 = ms.get(arch + " int8");
            if (fp32 != null && int8 != null) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "%s: int8 is %.2fx faster than ORT fp32 (target >= 1.5x)%n",
                                arch,
                                fp32[0] / int8[0]));
            }
            double[] kernel = ms.get(arch + " kernel");
            if (kernel != null) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "%s: kernel %.3f ms per 10-s segment -> K = %.0f audio-s per"
                                        + " CPU-s on one core (target >= 1500)%n",
                                arch,
                                kernel[0],
                                10_000 / kernel[0]));
            }
        }
        s.append("PyTorch peer: ").append(peer).append('\n');
        Matcher m = MEDIAN.matcher(peer);
        double[] int8 = ms.get("dcase2021-baseline int8");
        if (m.find() && int8 != null) {
            double torch = Double.parseDouble(m.group(1));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "dcase2021-baseline: int8 ORT is %.2fx faster than PyTorch fp32"
                                    + " (%.3f ms median; target >= 2x)%n",
                            torch / int8[0],
                            torch));
            double[] fp32 = ms.get("dcase2021-baseline fp32");
            if (fp32 != null) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "dcase2021-baseline: ORT fp32 vs PyTorch fp32: %.2fx%n",
                                torch / fp32[0]));
            }
        }
        return s.toString();
    }
}
