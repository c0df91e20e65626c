package dev.scenes.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scene job ({@code ./scenes job}: a Flink MiniCluster with the job) in a JVM of its own, so
 * that its CPU time is exactly what the operating system charged that process ({@link
 * ProcessHandle.Info#totalCpuDuration()}: user + system time of all its threads), apart from the
 * broker, the producers and the consumer. Its Flink REST API (127.0.0.1 only) tells when the job
 * runs and how large its checkpoints are.
 */
final class JobProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int restPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String jobId;

    private JobProcess(Process process, int restPort) {
        this.process = process;
        this.restPort = restPort;
    }

    /** Starts the job against {@code bootstrap} with {@code model}; logs go to {@code log}. */
    static JobProcess start(String bootstrap, Path model, LoadSettings s, Path log)
            throws IOException {
        int port = freePort();
        Path argFile = log.resolveSibling(log.getFileName() + ".args");
        // The classpath goes in an argument file, as in the launcher: ONNX Runtime's native
        // initialisation crashes with a long classpath on the command line.
        Files.writeString(
                argFile,
                "-cp\n\"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + s.jobHeap());
        cmd.add("-Xmx" + s.jobHeap());
        cmd.add("-Djava.awt.headless=true");
        if (s.jobJfr() != null) {
            cmd.add(
                    "-XX:StartFlightRecording=filename="
                            + s.jobJfr().toAbsolutePath()
                            + ",settings=profile,dumponexit=true");
        }
        cmd.add("@" + argFile);
        String txPrefix = "scenes-bench-" + Long.toString(System.nanoTime(), 36);
        if (s.checkpointStorage().equals("jobmanager")) {
            // Exactly ./scenes job.
            cmd.add("dev.scenes.pipeline.cli.PipelineCli");
            cmd.addAll(
                    List.of(
                            "job",
                            "--bootstrap-servers",
                            bootstrap,
                            "--model",
                            model.toString(),
                            "--parallelism",
                            Integer.toString(s.parallelism()),
                            "--checkpoint-interval",
                            s.checkpointInterval().toMillis() + "ms",
                            "--delivery",
                            s.delivery(),
                            "--out-of-orderness",
                            s.outOfOrderness().toMillis() + "ms",
                            "--group-id",
                            "scenes-bench",
                            "--transactional-id-prefix",
                            txPrefix,
                            "--web-ui-port",
                            Integer.toString(port)));
        } else {
            Path checkpoints = log.resolveSibling(log.getFileName() + ".checkpoints");
            cmd.add(BenchJobMain.class.getName());
            cmd.addAll(
                    List.of(
                            bootstrap,
                            model.toString(),
                            Integer.toString(s.parallelism()),
                            Long.toString(s.checkpointInterval().toMillis()),
                            s.delivery(),
                            Long.toString(s.outOfOrderness().toMillis()),
                            "scenes-bench",
                            txPrefix,
                            Integer.toString(port),
                            checkpoints.toAbsolutePath().toString()));
        }
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        // If this JVM is stopped (Ctrl-C) before close(), the job JVM must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "bench-job-stop"));
        return new JobProcess(p, port);
    }

    /** Waits until the job and all its tasks run. */
    void awaitRunning(Duration timeout, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the job JVM exited with code "
                                + process.exitValue()
                                + " before running; see "
                                + log);
            }
            try {
                JsonNode jobs = get("/jobs/overview").path("jobs");
                if (jobs.size() > 0 && jobs.get(0).path("state").asText().equals("RUNNING")) {
                    String id = jobs.get(0).path("jid").asText();
                    boolean all = true;
                    for (JsonNode v : get("/jobs/" + id).path("vertices")) {
                        all &= v.path("status").asText().equals("RUNNING");
                    }
                    if (all) {
                        jobId = id;
                        return;
                    }
                }
            } catch (IOException e) {
                // REST endpoint not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "the job did not reach RUNNING within " + timeout + "; see " + log);
    }

    /** CPU time the operating system has charged the job JVM so far. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Checkpoint statistics: completed count, largest and latest state size in bytes. */
    long[] checkpointStats() {
        try {
            JsonNode c = get("/jobs/" + jobId + "/checkpoints");
            return new long[] {
                c.path("counts").path("completed").asLong(),
                c.path("summary").path("state_size").path("max").asLong(),
                c.path("latest").path("completed").path("state_size").asLong()
            };
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }

    /** {@code ps}-style pid, for the report. */
    long pid() {
        return process.pid();
    }

    private JsonNode get(String path) throws IOException {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + restPort + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " for " + path);
            }
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the job JVM (SIGTERM: its shutdown hook cancels the job), forcibly after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
