package dev.scenes.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./scenes bench SUITE [JMH options]}: runs one suite of JMH benchmarks, single-threaded
 * unless JMH options say otherwise. Any JMH option passes through, e.g. {@code -rf json -rff
 * target/frontend.json} to keep the results.
 */
public final class BenchCli {

    private static final Map<String, String> SUITES =
            Map.of(
                    "frontend", FrontendBenchmark.class.getName(),
                    "synth", SynthBenchmark.class.getName());

    private BenchCli() {}

    /** Entry point; {@code args[0]} is the launcher's command word {@code bench}. */
    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && rest.get(0).equals("bench")) {
            rest.remove(0);
        }
        if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")) {
            System.out.println(
                    "usage: ./scenes bench <suite> [JMH options]   suites: " + SUITES.keySet());
            return;
        }
        String suite = SUITES.get(rest.get(0));
        if (suite == null) {
            System.err.println(
                    "scenes bench: unknown suite '"
                            + rest.get(0)
                            + "'; choose one of "
                            + SUITES.keySet());
            System.exit(2);
        }
        rest.set(0, suite);
        org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
    }
}
