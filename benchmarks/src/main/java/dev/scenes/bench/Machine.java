package dev.scenes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a benchmark figure needs beside it: the CPU, how many the JVM sees, the load average at the
 * time (the machine is shared) and the date.
 *
 * @param cpuModel {@code model name} of {@code /proc/cpuinfo}
 * @param processors what {@link Runtime#availableProcessors()} says ({@code nproc})
 * @param loadAverage the 1-, 5- and 15-minute load averages of {@code /proc/loadavg}
 * @param at when it was read
 */
public record Machine(String cpuModel, int processors, String loadAverage, Instant at) {

    /** The machine now. */
    public static Machine now() {
        return new Machine(
                readCpuModel(),
                Runtime.getRuntime().availableProcessors(),
                currentLoadAverage(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** One line for reports. */
    public String describe() {
        return processors + " x " + cpuModel + ", load average " + loadAverage + " at " + at;
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code 1.20 0.98 0.77}. */
    public static String currentLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say so below
        }
        return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
    }
}
