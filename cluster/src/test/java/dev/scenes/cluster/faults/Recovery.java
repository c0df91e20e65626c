package dev.scenes.cluster.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * The measured outcome of one injected fault, as one parseable line ({@code RECOVERY key=value
 * ...}), logged and appended to {@code target/cluster-reports/recovery.txt}.
 *
 * @param fault what was injected, e.g. {@code taskmanager-kill-9}
 * @param runningMillis from the fault to every task of the job RUNNING again (for a stop with
 *     savepoint: to the resumed job's tasks running)
 * @param firstCommitMillis from the fault to the first event committed by the recovered job
 * @param failures failures of the job the fault caused, as the JobManager recorded them
 * @param expected (sensor, segment) keys the fleet covered
 * @param lost expected keys never committed
 * @param duplicated committed events beyond one per key
 */
record Recovery(
        String fault,
        long runningMillis,
        long firstCommitMillis,
        int failures,
        int expected,
        int lost,
        int duplicated) {

    /** The line, e.g. {@code RECOVERY fault=broker-restart running_ms=... lost=0 duplicated=0}. */
    String line() {
        return String.format(
                Locale.ROOT,
                "RECOVERY fault=%s running_ms=%d first_commit_ms=%d failures=%d expected=%d"
                        + " lost=%d duplicated=%d at=%s",
                fault,
                runningMillis,
                firstCommitMillis,
                failures,
                expected,
                lost,
                duplicated,
                Instant.now());
    }

    /** Appends {@link #line()} to {@code target/cluster-reports/recovery.txt}. */
    void append() {
        Path file = Path.of("target", "cluster-reports", "recovery.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line() + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
