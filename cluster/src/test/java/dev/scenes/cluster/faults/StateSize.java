package dev.scenes.cluster.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenes.cluster.process.FlinkRest;
import dev.scenes.cluster.process.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's checkpointed state, per vertex and per sensor, from Flink's checkpoint statistics: the
 * measured input of the scaling model in docs/RELIABILITY.md. Logged as one {@code STATE} line and
 * appended to {@code target/cluster-reports/state.txt}.
 */
final class StateSize {

    private static final Logger LOG = LoggerFactory.getLogger(StateSize.class);

    private StateSize() {}

    /**
     * Waits for a checkpoint of {@code job} that completed after this call, and logs its size: in
     * total, of the vertex holding the segment classifier's keyed state, and that divided by {@code
     * sensors}.
     */
    static void log(FlinkRest rest, String job, int sensors) {
        long before = latestCompleted(rest, job);
        Wait.until(
                "a new completed checkpoint of job " + job,
                Duration.ofMinutes(2),
                () -> latestCompleted(rest, job) > before);
        long id = latestCompleted(rest, job);
        JsonNode details = rest.checkpoint(job, id);
        long classifier = -1;
        for (JsonNode vertex : rest.job(job).path("vertices")) {
            if (vertex.path("name").asText().contains("segment-classifier")) {
                classifier =
                        details.path("tasks")
                                .path(vertex.path("id").asText())
                                .path("state_size")
                                .asLong(-1);
            }
        }
        String line =
                String.format(
                        Locale.ROOT,
                        "STATE checkpoint=%d total_bytes=%d classifier_vertex_bytes=%d sensors=%d"
                                + " per_sensor_bytes=%d at=%s",
                        id,
                        details.path("state_size").asLong(-1),
                        classifier,
                        sensors,
                        classifier < 0 ? -1 : classifier / sensors,
                        Instant.now());
        LOG.info(line);
        Path file = Path.of("target", "cluster-reports", "state.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private static long latestCompleted(FlinkRest rest, String job) {
        return rest.checkpoints(job).path("latest").path("completed").path("id").asLong(-1);
    }

    /** Bytes of the files under {@code dir} (a savepoint's directory). */
    static long onDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }
}
