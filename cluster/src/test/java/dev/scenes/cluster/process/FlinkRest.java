package dev.scenes.cluster.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The JobManager's REST API, as {@code flink run} and the web UI use it: upload a job jar, run its
 * main class with program arguments (optionally from a savepoint), watch the job, stop it with a
 * savepoint, cancel it, read its checkpoint statistics and metrics.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private final String base;
    private final HttpClient http;

    /** A client of the REST endpoint on 127.0.0.1:{@code port}. */
    public FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The endpoint's base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return base;
    }

    /** {@code GET /overview}: slots, TaskManagers and jobs of the cluster. */
    public JsonNode overview() {
        return get("/overview");
    }

    /** How many TaskManagers are registered with the ResourceManager. */
    public int taskManagers() {
        return taskManagersJson().path("taskmanagers").size();
    }

    /** {@code GET /taskmanagers}: the registered TaskManagers, their slots and memory. */
    public JsonNode taskManagersJson() {
        return get("/taskmanagers");
    }

    /**
     * {@code POST /jars/upload}: uploads a jar to the JobManager.
     *
     * @return the jar's id on the cluster, for {@link #runJar}
     */
    public String uploadJar(Path jar) {
        String boundary = "----scenes-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(
                    ("--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                    + " filename=\""
                                    + jar.getFileName()
                                    + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the job jar " + jar, e);
        }
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                        .timeout(RUN_TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        JsonNode answer = send(request, "upload " + jar.getFileName());
        String filename = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || filename.isEmpty()) {
            throw new IllegalStateException("the jar upload was refused: " + answer);
        }
        return Paths.get(filename).getFileName().toString();
    }

    /**
     * {@code POST /jars/:jarid/run}: runs {@code entryClass} of an uploaded jar in the JobManager,
     * which submits the job it builds.
     *
     * @param savepoint the savepoint to start from, if any (state of operators missing in the job
     *     is not allowed)
     * @return the job id
     */
    public String runJar(
            String jarId, String entryClass, List<String> args, Optional<String> savepoint) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", args);
        savepoint.ifPresent(
                path -> {
                    body.put("savepointPath", path);
                    body.put("allowNonRestoredState", false);
                });
        JsonNode answer = post("/jars/" + jarId + "/run", body, RUN_TIMEOUT);
        String job = answer.path("jobid").asText();
        if (job.isEmpty()) {
            throw new IllegalStateException("the run of " + jarId + " gave no job id: " + answer);
        }
        return job;
    }

    /** {@code GET /jobs/:jobid}: the job's state and its vertices. */
    public JsonNode job(String jobId) {
        return get("/jobs/" + jobId);
    }

    /** The job's state, e.g. {@code RUNNING}, {@code RESTARTING}, {@code FINISHED}. */
    public String jobState(String jobId) {
        return job(jobId).path("state").asText();
    }

    /** Whether the job and every one of its vertices (hence every task) is RUNNING. */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = job(jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the last of the job's tasks switched to RUNNING (epoch milliseconds, the JobManager's
     * clock), from {@code GET /jobs/:jobid/vertices/:vertexid/subtasktimes}; -1 while a task has
     * not run yet. After a restart it is the time the restarted job was whole again.
     */
    public long lastTaskRunningMillis(String jobId) {
        long last = -1;
        for (JsonNode vertex : job(jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            for (JsonNode subtask : get(path + "/subtasktimes").path("subtasks")) {
                long running = subtask.path("timestamps").path("RUNNING").asLong(0);
                if (running <= 0) {
                    return -1;
                }
                last = Math.max(last, running);
            }
        }
        return last;
    }

    /** {@code GET /jobs/:jobid/checkpoints}: counts, the latest completed and restored ones. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code GET /jobs/:jobid/checkpoints/details/:id}: one checkpoint, per vertex. */
    public JsonNode checkpoint(String jobId, long checkpointId) {
        return get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId);
    }

    /**
     * How many failures of the job the JobManager has recorded ({@code GET
     * /jobs/:jobid/exceptions}, the entries of its exception history, at most {@code
     * web.exception-history-size}).
     */
    public int failures(String jobId) {
        return get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    /**
     * {@code POST /jobs/:jobid/stop}: takes a savepoint into {@code directory} and stops the job
     * without draining (event time does not jump to the end: a resumed job carries on).
     *
     * @return the savepoint's location, once it completed
     */
    public String stopWithSavepoint(String jobId, Path directory, Duration patience) {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", directory.toUri().toString());
        body.put("drain", false);
        String trigger =
                post("/jobs/" + jobId + "/stop", body, CALL_TIMEOUT).path("request-id").asText();
        String[] location = new String[1];
        Wait.until(
                "the savepoint of job " + jobId,
                patience,
                () -> {
                    JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
                    if (!"COMPLETED".equals(status.path("status").path("id").asText())) {
                        return false;
                    }
                    JsonNode operation = status.path("operation");
                    if (operation.has("failure-cause")) {
                        throw new AssertionError(
                                "stop-with-savepoint failed: " + operation.path("failure-cause"));
                    }
                    location[0] = operation.path("location").asText();
                    return true;
                });
        Wait.until(
                "job " + jobId + " FINISHED after its savepoint",
                patience,
                () -> "FINISHED".equals(jobState(jobId)));
        return location[0];
    }

    /** {@code PATCH /jobs/:jobid?mode=cancel}; does not wait for the job to end. */
    public void cancel(String jobId) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                        .timeout(CALL_TIMEOUT)
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build();
        send(request, "cancel " + jobId);
    }

    private JsonNode get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT).GET().build();
        return send(request, "GET " + path);
    }

    private JsonNode post(String path, JsonNode body, Duration timeout) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
        return send(request, "POST " + path);
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        what + ": HTTP " + response.statusCode() + " " + response.body());
            }
            String text = response.body();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
