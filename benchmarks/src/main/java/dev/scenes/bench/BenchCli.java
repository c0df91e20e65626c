package dev.scenes.bench;

import dev.scenes.bench.load.PipelineBenchCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./scenes bench SUITE [options]}: runs one suite of benchmarks.
 *
 * <ul>
 *   <li>{@code frontend}, {@code synth}, {@code kernel}: one JMH benchmark class, single-threaded
 *       unless JMH options say otherwise; any JMH option passes through, e.g. {@code -rf json -rff
 *       target/frontend.json};
 *   <li>{@code inference}: the inference and kernel JMH benchmarks and the PyTorch peer in one run,
 *       then a summary with the ratios and K ({@link ModelsSuite});
 *   <li>{@code profile}: ONNX Runtime's per-node profile of the same models ({@link NodeProfile});
 *   <li>{@code pipeline}: the end-to-end load harness ({@link PipelineBenchCommand}).
 * </ul>
 */
public final class BenchCli {

    private static final Map<String, String> JMH_SUITES = new LinkedHashMap<>();

    static {
        JMH_SUITES.put("frontend", FrontendBenchmark.class.getName());
        JMH_SUITES.put("synth", SynthBenchmark.class.getName());
        JMH_SUITES.put("kernel", KernelBenchmark.class.getName());
        JMH_SUITES.put("decode", ChunkDecodeBenchmark.class.getName());
    }

    private static final List<String> ALL =
            List.of("frontend", "synth", "kernel", "decode", "inference", "profile", "pipeline");

    private BenchCli() {}

    /** Entry point; {@code args[0]} is the launcher's command word {@code bench}. */
    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && rest.get(0).equals("bench")) {
            rest.remove(0);
        }
        if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")) {
            System.out.println(
                    "usage: ./scenes bench <suite> [options]   suites: "
                            + ALL
                            + "\n  frontend|synth|kernel|decode [JMH options]   one JMH benchmark"
                            + "\n  inference [JMH options]               int8 vs fp32 ONNX, the"
                            + " kernel, the PyTorch peer, ratios and K"
                            + "\n  profile [--runs 300]                  ONNX Runtime's per-node"
                            + " profile of the same models"
                            + "\n  pipeline --sensors N --duration D ... the end-to-end load"
                            + " harness (./scenes bench pipeline --help)");
            return;
        }
        // JMH forks get their classpath through a jar manifest instead of the command line: with
        // the ~10 KB classpath on the command line, ONNX Runtime's native initialisation crashes
        // the forked JVM (exit 139), as the launcher's comment on its argument file says.
        if (System.getProperty("jmh.separateClasspathJAR") == null) {
            System.setProperty("jmh.separateClasspathJAR", "true");
        }
        String suite = rest.remove(0);
        if (suite.equals("pipeline")) {
            System.exit(PipelineBenchCommand.run(rest.toArray(String[]::new)));
        }
        if (suite.equals("profile")) {
            System.exit(NodeProfile.run(rest.toArray(String[]::new)));
        }
        if (suite.equals("inference")) {
            System.exit(ModelsSuite.run(rest.toArray(String[]::new)));
        }
        String jmhClass = JMH_SUITES.get(suite);
        if (jmhClass == null) {
            System.err.println("scenes bench: unknown suite '" + suite + "'; choose one of " + ALL);
            System.exit(2);
        }
        rest.add(0, jmhClass);
        org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
    }
}
