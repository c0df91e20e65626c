package dev.scenes.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of a process's threads grouped by name, from Linux's {@code /proc/<pid>/task/<tid>/}
 * ({@code comm}: the thread name as Java sets it, cut to 15 characters; {@code stat}: user and
 * system time in clock ticks of 10 ms). Digits are dropped from names so that numbered threads of a
 * kind form one group. Threads that end between two snapshots lose their time, so the groups are a
 * profile of where the job's CPU went, not an exact split. System time is kept apart: for the Kafka
 * fetcher it is mostly the kernel's side of reading the socket.
 */
final class ThreadCpu {

    private static final double TICK_SECONDS = 0.01;

    private ThreadCpu() {}

    /** User and system CPU seconds of a thread group. */
    record Cpu(double user, double system) {
        double total() {
            return user + system;
        }

        Cpu plus(Cpu o) {
            return new Cpu(user + o.user, system + o.system);
        }

        Cpu minus(Cpu o) {
            return new Cpu(user - o.user, system - o.system);
        }
    }

    /** Seconds of CPU per thread group of process {@code pid} so far (empty off Linux). */
    static Map<String, Cpu> snapshot(long pid) {
        Map<String, Cpu> out = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    String name =
                            Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    Cpu cpu =
                            new Cpu(
                                    Long.parseLong(f[11]) * TICK_SECONDS,
                                    Long.parseLong(f[12]) * TICK_SECONDS);
                    out.merge(name, cpu, Cpu::plus);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** {@code after - before} per group, largest first, groups under 1 % of the total dropped. */
    static Map<String, Cpu> difference(Map<String, Cpu> before, Map<String, Cpu> after) {
        Map<String, Cpu> d = new HashMap<>();
        after.forEach((k, v) -> d.put(k, v.minus(before.getOrDefault(k, new Cpu(0, 0)))));
        double total = d.values().stream().mapToDouble(Cpu::total).sum();
        Map<String, Cpu> out = new LinkedHashMap<>();
        d.entrySet().stream()
                .filter(e -> e.getValue().total() >= 0.01 * total && e.getValue().total() > 0)
                .sorted((a, b) -> Double.compare(b.getValue().total(), a.getValue().total()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
