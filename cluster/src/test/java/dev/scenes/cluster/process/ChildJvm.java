package dev.scenes.cluster.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Java process started by a test: its {@link Process} handle, its name and its log file (its
 * stdout and stderr). It is stopped through that handle only, never by name; a JVM shutdown hook
 * kills every child still alive if the test JVM ends without closing them (a surefire timeout, a
 * crash in set-up).
 */
public final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> LIVE.forEach(Process::destroyForcibly), "kill-child-jvms"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private volatile boolean ended;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} in a new JVM (the same Java as this one) with the given classpath,
     * JVM options and program arguments; stdout and stderr go to {@code log} (appended, so a
     * restarted process keeps its predecessor's lines).
     */
    public static ChildJvm start(
            String name,
            String classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Path log) {
        try {
            Files.createDirectories(log.getParent());
            Path pathingJar = pathingJar(log.resolveSibling(name + "-classpath.jar"), classpath);
            List<String> command = command(pathingJar.toString(), jvmOptions, mainClass, args, log);
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            LIVE.add(process);
            LOG.info("{} started: pid {}, log {}", name, process.pid(), log);
            ChildJvm child = new ChildJvm(name, process, log);
            process.onExit()
                    .thenAccept(
                            p -> {
                                if (!child.ended) {
                                    LOG.warn(
                                            "{} (pid {}) exited by itself with status {}; see {}",
                                            name,
                                            p.pid(),
                                            p.exitValue(),
                                            log);
                                }
                            });
            return child;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code mainClass} to its end (a tool such as Kafka's StorageTool) and returns its
     * output.
     *
     * @throws IllegalStateException if it exits non-zero or takes longer than {@code timeout}
     */
    public static String run(
            String name,
            String classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Path log,
            Duration timeout) {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot replace " + log + ": " + e.getMessage(), e);
        }
        ChildJvm tool = start(name, classpath, jvmOptions, mainClass, args, log);
        tool.ended = true;
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        name + " did not finish within " + timeout + "; see " + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (tool.process.exitValue() != 0) {
                throw new IllegalStateException(
                        name + " exited with " + tool.process.exitValue() + "; see " + log);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log + ": " + e.getMessage(), e);
        } finally {
            tool.close();
        }
    }

    /**
     * A jar whose manifest's {@code Class-Path} lists {@code classpath}, so that the child's {@code
     * java.class.path} is one short entry, as with the few jars of a Flink distribution's {@code
     * lib/}. With the test classpath itself (about 9 KB), ONNX Runtime 1.29 crashed the JVM with
     * SIGSEGV while creating a session; a plain program showed it too, from a {@code
     * java.class.path} of about 4 KB on (3.8 KB worked, 4.2 KB crashed).
     */
    private static Path pathingJar(Path jar, String classpath) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<String> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Paths.get(entry).toUri().toString());
            }
        }
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private static List<String> command(
            String classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // A crash report beside the log, instead of in the working directory.
        command.add("-XX:ErrorFile=" + log.resolveSibling("hs_err_pid%p.log"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The name the test gave it, e.g. {@code taskmanager-2}. */
    public String name() {
        return name;
    }

    /** Its operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** Its log file. */
    public Path log() {
        return log;
    }

    /** Whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@code kill -9}: ends it at once, without its shutdown hooks, and waits (up to 30 s) until
     * the operating system has reaped it.
     */
    public void kill() {
        ended = true;
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        LIVE.remove(process);
    }

    /** {@code kill -TERM}: asks it to shut down, waits up to {@code grace}, then kills it. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            LIVE.remove(process);
            return;
        }
        ended = true;
        process.destroy();
        if (!awaitExit(grace)) {
            LOG.warn("{} (pid {}) did not stop within {}; killing it", name, pid(), grace);
            kill();
        }
        LIVE.remove(process);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Fails with the end of its log if it has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name
                            + " (pid "
                            + pid()
                            + ") exited with "
                            + process.exitValue()
                            + "; the end of "
                            + log
                            + ":\n"
                            + tail(log, 30));
        }
    }

    /** The last {@code lines} lines of {@code file}, or a note that it cannot be read. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Kills it ({@link #kill}) if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(process);
    }

    /**
     * The classpath of the Kafka broker: this JVM's ({@code java.class.path}, the module's test
     * classpath) without the project's own modules.
     */
    public static String brokerClasspath() {
        return filteredClasspath(List.of());
    }

    /**
     * The classpath of the Flink processes, what a Flink distribution's {@code lib/} holds: this
     * JVM's without the project's modules and without the libraries the job jar carries (the Kafka
     * connector and client, Avro and flink-avro, JTransforms, picocli), so that the job's code and
     * its libraries reach the cluster only inside the submitted jar. ONNX Runtime stays: a native
     * library belongs in {@code lib/}, loaded once per JVM by the parent class loader (see {@link
     * FlinkSessionCluster}).
     */
    public static String flinkClasspath() {
        return filteredClasspath(
                List.of(
                        "/org/apache/kafka/",
                        "/org/apache/flink/flink-connector-kafka/",
                        "/org/apache/flink/flink-avro/",
                        "/org/apache/avro/",
                        "/com/github/wendykierp/",
                        "/info/picocli/"));
    }

    private static String filteredClasspath(List<String> excluded) {
        String own = System.getProperty("java.class.path");
        List<String> kept = new ArrayList<>();
        for (String entry : own.split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            String file = path.getFileName() == null ? "" : path.getFileName().toString();
            String slashed = entry.replace(File.separatorChar, '/');
            boolean project =
                    file.startsWith("scenes-")
                            || slashed.endsWith("target/classes")
                            || slashed.endsWith("target/test-classes")
                            || file.startsWith("surefire");
            if (!project && excluded.stream().noneMatch(slashed::contains)) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
