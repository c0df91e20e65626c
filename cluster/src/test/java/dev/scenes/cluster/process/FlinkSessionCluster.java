package dev.scenes.cluster.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink standalone session cluster of separate JVMs on 127.0.0.1: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), started as
 * Flink's {@code jobmanager.sh} and {@code taskmanager.sh} start them: a {@code config.yaml} in a
 * configuration directory, and the JVM memory options and memory dynamic properties computed by
 * {@code BashJavaUtils GET_JM_RESOURCE_PARAMS} / {@code GET_TM_RESOURCE_PARAMS} from it.
 *
 * <p>Checkpoints and savepoints go to a directory every process shares (the local disk plays the
 * shared file system); restarts use an exponential delay from 500 ms to 5 s with no limit on
 * attempts; heartbeats time out after 10 s, so a killed TaskManager is noticed in seconds.
 */
public final class FlinkSessionCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkSessionCluster.class);
    private static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String JM_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TM_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * {@code env.java.opts.all}: the module exports and opens that Flink's own {@code config.yaml}
     * ships for Java 17 (Flink reflects into java.util, for one, when it builds a job), and the
     * Avro trust setting the architecture asks of every JVM that decodes our records.
     */
    static final List<String> JAVA_OPTS_ALL =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.scenes.schema");

    /**
     * The cluster's shape.
     *
     * @param taskManagers TaskManagers started with the cluster
     * @param slotsPerTaskManager task slots of each
     * @param taskManagerProcessSize {@code taskmanager.memory.process.size}, e.g. {@code 1g}
     */
    public record Settings(
            int taskManagers, int slotsPerTaskManager, String taskManagerProcessSize) {

        /** Two TaskManagers of one slot and 1 GB each. */
        public static Settings defaults() {
            return new Settings(2, 1, "1g");
        }

        /** These settings with {@code slots} per TaskManager. */
        public Settings withSlots(int slots) {
            return new Settings(taskManagers, slots, taskManagerProcessSize);
        }
    }

    private final Path dir;
    private final Path confDir;
    private final String classpath;
    private final String logOption;
    private final int restPort;
    private final FlinkRest rest;
    private final List<ChildJvm> taskManagers = new ArrayList<>();
    private ChildJvm jobManager;
    private int taskManagersStarted;

    private FlinkSessionCluster(Path dir) {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.classpath = ChildJvm.flinkClasspath();
        this.logOption = Log4j.option(dir);
        this.restPort = FreePorts.next();
        this.rest = new FlinkRest(restPort);
    }

    /**
     * Writes the configuration under {@code dir}, starts the JobManager and the TaskManagers, and
     * waits (up to 3 minutes) until the REST API answers and every TaskManager has registered.
     */
    public static FlinkSessionCluster start(Path dir, Settings settings) {
        FlinkSessionCluster cluster = new FlinkSessionCluster(dir);
        try {
            cluster.writeConfig(settings);
            cluster.startJobManager();
            for (int i = 0; i < settings.taskManagers(); i++) {
                cluster.startTaskManager();
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void writeConfig(Settings settings) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(CoreOptions.FLINK_JVM_OPTIONS.key(), String.join(" ", JAVA_OPTS_ALL));
        conf.put(JobManagerOptions.ADDRESS.key(), "127.0.0.1");
        conf.put(JobManagerOptions.BIND_HOST.key(), "127.0.0.1");
        conf.put(JobManagerOptions.PORT.key(), Integer.toString(FreePorts.next()));
        conf.put(JobManagerOptions.TOTAL_PROCESS_MEMORY.key(), "768m");
        conf.put(RestOptions.ADDRESS.key(), "127.0.0.1");
        conf.put(RestOptions.BIND_ADDRESS.key(), "127.0.0.1");
        conf.put(RestOptions.PORT.key(), Integer.toString(restPort));
        conf.put(TaskManagerOptions.HOST.key(), "127.0.0.1");
        conf.put(TaskManagerOptions.BIND_HOST.key(), "127.0.0.1");
        conf.put(TaskManagerOptions.TOTAL_PROCESS_MEMORY.key(), settings.taskManagerProcessSize());
        // The job keeps its state on the heap (hashmap backend): little managed memory needed.
        conf.put(TaskManagerOptions.MANAGED_MEMORY_FRACTION.key(), "0.1");
        conf.put(
                TaskManagerOptions.NUM_TASK_SLOTS.key(),
                Integer.toString(settings.slotsPerTaskManager()));
        conf.put(
                TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE.key(),
                TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS.name());
        // ONNX Runtime from lib/, parent-first, as Flink advises for libraries with native code:
        // its
        // native library is then loaded once per JVM, not once more for every job's class loader.
        conf.put(
                CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL.key(),
                "ai.onnxruntime.");
        conf.put(CoreOptions.TMP_DIRS.key(), dir.resolve("tmp").toAbsolutePath().toString());
        conf.put(WebOptions.UPLOAD_DIR.key(), dir.resolve("uploads").toAbsolutePath().toString());
        conf.put(CheckpointingOptions.CHECKPOINT_STORAGE.key(), "filesystem");
        conf.put(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                dir.resolve("checkpoints").toUri().toString());
        conf.put(
                CheckpointingOptions.SAVEPOINT_DIRECTORY.key(),
                dir.resolve("savepoints").toUri().toString());
        conf.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "exponential-delay");
        conf.put(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF.key(),
                "500 ms");
        conf.put(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF.key(), "5 s");
        conf.put(HeartbeatManagerOptions.HEARTBEAT_INTERVAL.key(), "2000");
        conf.put(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT.key(), "10000");
        // A shared machine of 2 cores: RPCs may wait behind other tests' work.
        conf.put(RpcOptions.ASK_TIMEOUT_DURATION.key(), "60 s");
        StringBuilder yaml = new StringBuilder("# written by the cluster tests\n");
        conf.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        try {
            Files.createDirectories(confDir);
            Files.createDirectories(dir.resolve("tmp"));
            Files.createDirectories(dir.resolve("uploads"));
            Files.writeString(confDir.resolve("config.yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + confDir, e);
        }
    }

    /** JVM options and dynamic properties, as {@code BashJavaUtils} computes them. */
    private record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {}

    private ResourceParams resourceParams(String command) {
        String output =
                ChildJvm.run(
                        "bash-java-utils-" + command,
                        classpath,
                        List.of("-Xmx128m", logOption),
                        BASH_JAVA_UTILS,
                        List.of(command, "--configDir", confDir.toString()),
                        dir.resolve("bash-java-utils-" + command + ".log"),
                        Duration.ofMinutes(2));
        List<String> results =
                output.lines()
                        .filter(line -> line.startsWith(EXEC_RESULT))
                        .map(line -> line.substring(EXEC_RESULT.length()).trim())
                        .toList();
        if (results.size() != 2) {
            throw new IllegalStateException(
                    "BashJavaUtils "
                            + command
                            + " gave "
                            + results.size()
                            + " result lines, expected 2 (JVM options, dynamic properties):\n"
                            + output);
        }
        return new ResourceParams(tokens(results.get(0)), tokens(results.get(1)));
    }

    private static List<String> tokens(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }

    /** As the scripts do: the computed memory options, then {@code env.java.opts.all}. */
    private List<String> jvmOptions(ResourceParams params) {
        List<String> jvm = new ArrayList<>(params.jvmOptions());
        jvm.addAll(JAVA_OPTS_ALL);
        jvm.add(logOption);
        return jvm;
    }

    private void startJobManager() {
        ResourceParams params = resourceParams("GET_JM_RESOURCE_PARAMS");
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(params.dynamicProperties());
        jobManager =
                ChildJvm.start(
                        "jobmanager",
                        classpath,
                        jvmOptions(params),
                        JM_MAIN,
                        args,
                        dir.resolve("jobmanager.log"));
        Wait.until(
                "the JobManager's REST API on " + rest.url(),
                START_TIMEOUT,
                () -> {
                    jobManager.requireAlive();
                    return rest.overview().has("slots-total");
                });
        LOG.info("Flink JobManager {} answers on {}", jobManager, rest.url());
    }

    /**
     * Starts one more TaskManager and waits until it has registered.
     *
     * @return its process
     */
    public synchronized ChildJvm startTaskManager() {
        taskManagersStarted++;
        String name = "taskmanager-" + taskManagersStarted;
        ResourceParams params = resourceParams("GET_TM_RESOURCE_PARAMS");
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(params.dynamicProperties());
        // Its name as resource id, so that the JobManager's view of it can be told apart.
        args.addAll(List.of("-D", TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + name));
        ChildJvm tm =
                ChildJvm.start(
                        name,
                        classpath,
                        jvmOptions(params),
                        TM_MAIN,
                        args,
                        dir.resolve(name + ".log"));
        taskManagers.add(tm);
        Wait.until(
                name + " registering with the JobManager",
                START_TIMEOUT,
                () -> {
                    tm.requireAlive();
                    for (var registered : rest.taskManagersJson().path("taskmanagers")) {
                        if (name.equals(registered.path("id").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
        LOG.info("Flink {} registered", tm);
        return tm;
    }

    /** The TaskManagers started so far, killed ones included, in start order. */
    public synchronized List<ChildJvm> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** The JobManager's REST API. */
    public FlinkRest rest() {
        return rest;
    }

    /** The directory of the cluster's configuration, logs, checkpoints and savepoints. */
    public Path dir() {
        return dir;
    }

    /** Where savepoints go by default. */
    public Path savepoints() {
        return dir.resolve("savepoints");
    }

    /** Stops the TaskManagers, then the JobManager (SIGTERM, then kill after 30 s each). */
    @Override
    public synchronized void close() {
        for (ChildJvm tm : taskManagers) {
            tm.stop(Duration.ofSeconds(30));
        }
        if (jobManager != null) {
            jobManager.stop(Duration.ofSeconds(30));
        }
    }
}
