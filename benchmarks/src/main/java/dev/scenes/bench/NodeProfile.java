package dev.scenes.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenes.bench.model.BenchModels;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./scenes bench profile [--runs N]}: ONNX Runtime's own per-node profile of the benchmarked
 * models (fp32 and int8 of both networks) on the street clip, in sessions set up like the job's
 * (intra-op and inter-op threads 1, sequential, graph optimisation {@code ALL}). Each model runs
 * {@code N} times (default 300) after 20 unprofiled warm-up runs in another session; the summary
 * gives, per optimized node, its operator and median kernel time over the runs, largest first, so
 * one can see which layer the time goes to. The profiler times kernels by the wall clock, so on a
 * loaded machine single runs include time spent descheduled; the median over runs leaves most of
 * that out, a mean would not. Compare nodes within a profile, not across tools.
 */
final class NodeProfile {

    private static final int WARMUP = 20;
    private static final String[] MODELS = {
        "dcase2021-baseline fp32", "dcase2021-baseline int8", "cpmobile-s fp32", "cpmobile-s int8"
    };

    private NodeProfile() {}

    /** One optimized node: its name, operator, and median kernel microseconds per run. */
    record Node(String name, String op, double micros) {}

    static int run(String[] args) throws Exception {
        int runs = 300;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) {
                try {
                    runs = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    runs = -1;
                }
                if (runs < 1) {
                    System.err.println(
                            "scenes bench profile: --runs " + args[i] + "; expected >= 1");
                    return 2;
                }
            } else {
                System.err.println(
                        "scenes bench profile: unknown option '"
                                + args[i]
                                + "'; usage: ./scenes bench profile [--runs N]");
                return 2;
            }
        }
        Machine before = Machine.now();
        Path dir = BenchModels.targetDirectory().resolve("bench-results");
        Files.createDirectories(dir);
        String stamp = before.at().toString().replace(':', '-');
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "ONNX Runtime per-node profile, %d runs per model after %d warm-up runs,"
                                + " one thread, ALL; %s, %d CPUs, load %s, %s%n",
                        runs,
                        WARMUP,
                        before.cpuModel(),
                        before.processors(),
                        before.loadAverage(),
                        before.at()));
        float[] input = BenchModels.streetInput();
        for (String m : MODELS) {
            String[] p = m.split(" ");
            BenchModels.Files files = BenchModels.get(p[0]);
            Path model = p[1].equals("int8") ? files.int8() : files.fp32();
            List<Node> nodes =
                    profile(
                            Files.readAllBytes(model),
                            input,
                            runs,
                            dir.resolve("ort-profile-" + p[0] + "-" + p[1] + "-" + stamp));
            double total = nodes.stream().mapToDouble(Node::micros).sum();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%n== %s: %.3f ms per run in kernels (sum of node medians) ==%n",
                            m,
                            total / 1e3));
            for (Node n : nodes) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %9.3f ms  %5.1f %%  %-34s %s%n",
                                n.micros() / 1e3,
                                100 * n.micros() / total,
                                n.op(),
                                n.name()));
            }
        }
        Machine after = Machine.now();
        out.append("load after: ").append(after.loadAverage()).append(", ").append(after.at());
        out.append('\n');
        System.out.print(out);
        Path file = dir.resolve("ort-profile-" + stamp + ".txt");
        Files.writeString(file, out);
        System.out.println("wrote " + file);
        return 0;
    }

    /** Median kernel time per run of every node of {@code onnx}, largest first. */
    static List<Node> profile(byte[] onnx, float[] input, int runs, Path prefix)
            throws OrtException, IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, 1, 40, 500};
        try (OrtSession.SessionOptions plain = options();
                OrtSession warm = env.createSession(onnx, plain)) {
            for (int i = 0; i < WARMUP; i++) {
                runOnce(env, warm, input, shape);
            }
        }
        String trace;
        try (OrtSession.SessionOptions options = options()) {
            options.enableProfiling(prefix.toString());
            try (OrtSession session = env.createSession(onnx, options)) {
                for (int i = 0; i < runs; i++) {
                    runOnce(env, session, input, shape);
                }
                trace = session.endProfiling();
            }
        }
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        Map<String, String> ops = new LinkedHashMap<>();
        JsonNode events = new ObjectMapper().readTree(Path.of(trace).toFile());
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!e.path("cat").asText().equals("Node") || !name.endsWith("_kernel_time")) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            micros.computeIfAbsent(node, k -> new ArrayList<>()).add(e.path("dur").asDouble());
            ops.putIfAbsent(node, e.path("args").path("op_name").asText());
        }
        List<Node> nodes = new ArrayList<>();
        micros.forEach((n, us) -> nodes.add(new Node(n, ops.get(n), median(us))));
        nodes.sort((a, b) -> Double.compare(b.micros(), a.micros()));
        return nodes;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    private static void runOnce(OrtEnvironment env, OrtSession session, float[] input, long[] shape)
            throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result r = session.run(Map.of("logmel", t))) {
            r.get(0);
        }
    }
}
