package dev.scenes.cluster.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.cluster.compose.ComposeFile.Service;
import dev.scenes.pipeline.kafka.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} against the build, since no Docker engine runs here: every image tag,
 * published port, mounted jar, main class and argument it names must exist in (and agree with) what
 * {@code mvn package} built. Each failure names the compose entry at fault.
 *
 * <p>The jars must have been built: the job jar by the pipeline module, the application jar (fleet
 * and dashboard) by the demo module; {@code mvn verify} from the root builds both before this
 * module.
 */
class ComposeFileTest {

    private static final String FILE = "docker/compose.yaml";
    private static final String PROMETHEUS_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    private static final String JOB_MAIN = "dev.scenes.pipeline.cli.FlinkJobMain";
    private static final String JOB_COMMAND = "dev.scenes.pipeline.cli.JobCommand";
    private static final Pattern PORT =
            Pattern.compile(
                    "(?:(?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+):)?(?<host>\\d+):(?<container>\\d+)");

    private static Build build;
    private static ComposeFile compose;

    @BeforeAll
    static void read() throws Exception {
        build = Build.current();
        compose = ComposeFile.read(build.root().resolve(FILE));
    }

    @Test
    void shouldUseOnlyOfficialImagesAtThePomsVersions() {
        Set<String> allowed =
                Set.of(
                        "apache/kafka:" + build.kafkaVersion(),
                        "flink:" + build.flinkVersion() + "-java" + build.javaRelease(),
                        "flink:" + build.flinkVersion() + "-scala_2.12-java" + build.javaRelease(),
                        "eclipse-temurin:" + build.javaRelease() + "-jre");
        List<String> problems = new ArrayList<>();
        for (Service s : compose.services().values()) {
            if (!allowed.contains(s.image())) {
                problems.add(
                        at(s, "image")
                                + " is '"
                                + s.image()
                                + "'; expected one of "
                                + new java.util.TreeSet<>(allowed)
                                + " (official images at the versions the parent pom pins)");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(services("flink:")).as("Flink services").hasSizeGreaterThanOrEqualTo(2);
        assertThat(services("apache/kafka:")).as("Kafka services").isNotEmpty();
    }

    @Test
    void shouldPublishOnlyPortsTheServicesListenOnToLocalhostOnce() {
        List<String> problems = new ArrayList<>();
        Map<String, String> hostPorts = new HashMap<>();
        for (Service s : compose.services().values()) {
            Set<Integer> listening = listeningPorts(s);
            for (String entry : s.ports()) {
                Matcher m = PORT.matcher(entry);
                if (!m.matches()) {
                    problems.add(at(s, "ports") + " '" + entry + "' is not [IP:]HOST:CONTAINER");
                    continue;
                }
                int host = Integer.parseInt(m.group("host"));
                int container = Integer.parseInt(m.group("container"));
                if (!"127.0.0.1".equals(m.group("ip"))) {
                    problems.add(
                            at(s, "ports")
                                    + " '"
                                    + entry
                                    + "' is published on every interface; publish on 127.0.0.1");
                }
                if (host < 1 || host > 65535 || container < 1 || container > 65535) {
                    problems.add(at(s, "ports") + " '" + entry + "' is not a port 1..65535");
                }
                String other = hostPorts.put(m.group("host"), s.name());
                if (other != null) {
                    problems.add(
                            at(s, "ports")
                                    + " '"
                                    + entry
                                    + "': host port "
                                    + host
                                    + " is published by "
                                    + other
                                    + " too");
                }
                if (!listening.contains(container)) {
                    problems.add(
                            at(s, "ports")
                                    + " '"
                                    + entry
                                    + "': the service listens on "
                                    + listening
                                    + ", not on "
                                    + container);
                }
            }
        }
        // Host clients (./scenes events tail --bootstrap-servers 127.0.0.1:9094) are sent to the
        // advertised EXTERNAL listener, which must be the published port.
        Service kafka = only("apache/kafka:", "kafka");
        String external = advertised(kafka, "EXTERNAL");
        assertThat(kafka.ports())
                .as(at(kafka, "ports") + " publishes the advertised EXTERNAL listener " + external)
                .contains(external + ":" + external.substring(external.lastIndexOf(':') + 1));
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldMountTheJobJarThatPackageBuilds() {
        List<String> problems = new ArrayList<>();
        for (Service s : services("flink:")) {
            Map<String, String> jars = jarMounts(s);
            if (jars.isEmpty()) {
                problems.add(at(s, "volumes") + " mounts no job jar into /opt/flink/usrlib");
            }
            jars.forEach(
                    (host, container) -> {
                        Path jar = hostPath(host);
                        if (!jar.equals(build.jobJar())) {
                            problems.add(
                                    at(s, "volumes")
                                            + " mounts "
                                            + host
                                            + "; the job jar of this build is "
                                            + build.root().relativize(build.jobJar()));
                        } else if (!Files.isRegularFile(jar)) {
                            problems.add(
                                    at(s, "volumes")
                                            + " mounts "
                                            + host
                                            + ", which does not exist; run mvn -pl pipeline -am"
                                            + " package");
                        }
                        if (!container.startsWith("/opt/flink/usrlib/")) {
                            problems.add(
                                    at(s, "volumes")
                                            + " mounts the job jar at "
                                            + container
                                            + "; application mode loads it from /opt/flink/usrlib/");
                        }
                    });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldStartTheJobsMainClassWithArgumentsItsParserAccepts() throws Exception {
        Service jm = jobManager();
        List<String> command = jm.command();
        assertThat(command).as(at(jm, "command")).startsWith("standalone-job", "--job-classname");
        String mainClass = command.get(2);
        assertThat(mainClass).as(at(jm, "command") + " --job-classname").isEqualTo(JOB_MAIN);
        List<String> jobArgs = command.subList(3, command.size());
        assertThat(Files.isRegularFile(build.jobJar()))
                .as(build.jobJar() + " exists (mvn -pl pipeline -am package)")
                .isTrue();
        try (JarMain jar = JarMain.flinkJob(build.jobJar(), build.jobProvidedClasspath())) {
            assertThat(jar.checkMain(mainClass)).as(at(jm, "command") + " " + mainClass).isEmpty();
            assertThat(jar.origin(mainClass)).as("loaded from the job jar").endsWith("-job.jar");
            Optional<String> refused = jar.parse(JOB_COMMAND, "CLUSTER", jobArgs);
            assertThat(refused)
                    .as(at(jm, "command") + " job arguments " + jobArgs + " refused by the job")
                    .isEmpty();
        }
        // The job reaches Kafka where the broker advertises itself to the other containers.
        Service kafka = only("apache/kafka:", "kafka");
        assertThat(jm.option("--bootstrap-servers"))
                .as(at(jm, "command") + " --bootstrap-servers")
                .contains(advertised(kafka, "PLAINTEXT"));
        // The model the job starts with is read on the JobManager, from a mounted directory.
        Optional<String> model = jm.option("--model");
        if (model.isPresent()) {
            assertThat(jm.mounts().values().stream().anyMatch(c -> model.get().startsWith(c + "/")))
                    .as(at(jm, "command") + " --model " + model.get() + " lies in a mounted volume")
                    .isTrue();
        }
    }

    @Test
    void shouldConfigureEveryFlinkServiceAlikeWithTheirOwnOptionsAndPrometheus() throws Exception {
        Map<String, String> first = null;
        Set<String> known = knownFlinkKeys();
        for (Service s : services("flink:")) {
            Map<String, String> props = flinkProperties(s);
            for (String key : props.keySet()) {
                boolean reporter =
                        key.matches("metrics\\.reporter\\.[A-Za-z0-9_]+\\.(factory\\.class|port)");
                assertThat(reporter || known.contains(key))
                        .as(
                                at(s, "environment.FLINK_PROPERTIES")
                                        + ": '"
                                        + key
                                        + "' is not a Flink "
                                        + build.flinkVersion()
                                        + " option")
                        .isTrue();
            }
            assertThat(props)
                    .as(at(s, "environment.FLINK_PROPERTIES"))
                    .containsEntry(
                            "metrics.reporter.prom." + MetricOptions.REPORTER_FACTORY_CLASS.key(),
                            PROMETHEUS_FACTORY)
                    .containsEntry(JobManagerOptions.ADDRESS.key(), jobManager().name())
                    .containsKey(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key());
            if (first == null) {
                first = props;
            } else {
                assertThat(props)
                        .as(
                                at(s, "environment.FLINK_PROPERTIES")
                                        + " equals the other Flink services'")
                        .isEqualTo(first);
            }
            String dir =
                    props.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key())
                            .replaceFirst("^file://", "");
            assertThat(s.mounts().containsValue(dir))
                    .as(
                            at(s, "volumes")
                                    + " mount the checkpoint directory "
                                    + dir
                                    + " (shared by the JobManager and the TaskManagers)")
                    .isTrue();
        }
        int slots = Integer.parseInt(first.get(TaskManagerOptions.NUM_TASK_SLOTS.key()));
        long taskManagers =
                services("flink:").stream()
                        .filter(s -> s.command().contains("taskmanager"))
                        .count();
        int parallelism = Integer.parseInt(jobManager().option("--parallelism").orElse("2"));
        assertThat(slots * taskManagers)
                .as(
                        "task slots of the TaskManagers ("
                                + taskManagers
                                + " x "
                                + slots
                                + ") for the job's --parallelism "
                                + parallelism)
                .isGreaterThanOrEqualTo(parallelism);
    }

    @Test
    void shouldRunKafkaAsOneKraftNodeThatCanRunTransactions() {
        Service kafka = only("apache/kafka:", "kafka");
        Map<String, String> env = kafka.environment();
        assertThat(env)
                .as(at(kafka, "environment"))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        String listeners = env.get("KAFKA_LISTENERS");
        for (String name : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            assertThat(listeners)
                    .as(at(kafka, "environment.KAFKA_LISTENERS") + " has listener " + name)
                    .contains(name.split(":")[0] + "://");
        }
    }

    @Test
    void shouldCreateExactlyThePipelinesTopicsInTheInitStep() {
        Service init =
                compose.services().values().stream()
                        .filter(s -> String.join(" ", s.command()).contains("kafka-topics.sh"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no service runs kafka-topics.sh"));
        assertThat(init.image()).as(at(init, "image")).startsWith("apache/kafka:");
        assertThat(init.dependsOn()).as(at(init, "depends_on")).contains("kafka");
        Map<String, String> created = new TreeMap<>();
        Pattern create =
                Pattern.compile(
                        "--create .*--topic (\\S+) --partitions (\\d+) "
                                + "--replication-factor (\\d+)(?: --config (\\S+))?");
        for (String line : String.join("\n", init.command()).split("\n")) {
            Matcher m = create.matcher(line);
            if (m.find()) {
                created.put(m.group(1), m.group(2) + "/" + m.group(3) + "/" + m.group(4));
            }
        }
        int partitions =
                Integer.parseInt(created.getOrDefault(Topics.AUDIO_CHUNKS, "0/0/x").split("/")[0]);
        Map<String, String> expected = new TreeMap<>();
        for (NewTopic t : Topics.Layout.singleBroker(Math.max(1, partitions)).newTopics()) {
            String config =
                    t.configs() == null || t.configs().isEmpty()
                            ? "null"
                            : t.configs().entrySet().iterator().next().toString();
            expected.put(t.name(), t.numPartitions() + "/" + t.replicationFactor() + "/" + config);
        }
        assertThat(created)
                .as(at(init, "command") + " topics (partitions/replicas/config)")
                .isEqualTo(expected);
        // Everything that uses Kafka waits for the topics.
        for (Service s : compose.services().values()) {
            if (s.option("--bootstrap-servers").isPresent()
                    || s.command().contains("standalone-job")) {
                assertThat(s.dependsOn()).as(at(s, "depends_on")).contains(init.name());
            }
        }
    }

    @Test
    void shouldReferOnlyToServicesAndVolumesItDefines() {
        for (Service s : compose.services().values()) {
            assertThat(compose.services().keySet())
                    .as(at(s, "depends_on"))
                    .containsAll(s.dependsOn());
            for (String host : s.mounts().keySet()) {
                if (!host.startsWith(".") && !host.startsWith("/")) {
                    assertThat(compose.volumes()).as(at(s, "volumes") + " " + host).contains(host);
                }
            }
        }
    }

    @Test
    void shouldRunTheFleetAndDashboardFromTheDemoAppJar() throws Exception {
        List<Service> javaServices = services("eclipse-temurin:");
        assertThat(javaServices).as("services on eclipse-temurin (fleet, dashboard)").hasSize(2);
        for (Service s : javaServices) {
            List<String> c = s.command();
            assertThat(c).as(at(s, "command")).startsWith("java", "-cp");
            String classpath = c.get(2);
            String mainClass = c.get(3);
            List<String> args = c.subList(4, c.size());
            String host =
                    s.mounts().entrySet().stream()
                            .filter(e -> e.getValue().equals(classpath))
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    at(s, "volumes")
                                                            + " mount nothing at "
                                                            + classpath));
            Path jar = hostPath(host);
            assertThat(jar).as(at(s, "volumes") + " " + host).isEqualTo(build.appJar());
            assertThat(Files.isRegularFile(jar))
                    .as(
                            at(s, "volumes")
                                    + " "
                                    + host
                                    + " exists (the demo module's app jar;"
                                    + " mvn -pl demo -am package)")
                    .isTrue();
            try (JarMain main = JarMain.standalone(jar)) {
                assertThat(main.checkMain(mainClass))
                        .as(at(s, "command") + " " + mainClass)
                        .isEmpty();
                assertThat(main.parse(mainClass, null, args))
                        .as(at(s, "command") + " arguments " + args + " refused by " + mainClass)
                        .isEmpty();
            }
            assertThat(s.option("--bootstrap-servers"))
                    .as(at(s, "command") + " --bootstrap-servers")
                    .contains(advertised(only("apache/kafka:", "kafka"), "PLAINTEXT"));
        }
    }

    // --- helpers ---

    private static String at(Service s, String field) {
        return FILE + " " + s.at(field);
    }

    private static List<Service> services(String imagePrefix) {
        return compose.services().values().stream()
                .filter(s -> s.image().startsWith(imagePrefix))
                .toList();
    }

    private static Service only(String imagePrefix, String hint) {
        return services(imagePrefix).stream()
                .filter(s -> !s.environment().isEmpty())
                .findFirst()
                .orElseThrow(() -> new AssertionError(FILE + ": no " + hint + " service"));
    }

    private static Service jobManager() {
        return services("flink:").stream()
                .filter(s -> s.command().contains("standalone-job"))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        FILE
                                                + ": no Flink service runs 'standalone-job' (application mode)"));
    }

    private static Path hostPath(String host) {
        return build.root().resolve("docker").resolve(host).normalize();
    }

    private static Map<String, String> jarMounts(Service s) {
        Map<String, String> jars = new LinkedHashMap<>();
        s.mounts()
                .forEach(
                        (h, c) -> {
                            if (h.endsWith(".jar")) {
                                jars.put(h, c);
                            }
                        });
        return jars;
    }

    /** {@code host:port} a listener advertises, e.g. PLAINTEXT -> kafka:9092. */
    private static String advertised(Service kafka, String listener) {
        for (String l :
                kafka.environment().getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(",")) {
            if (l.startsWith(listener + "://")) {
                return l.substring(listener.length() + 3);
            }
        }
        throw new AssertionError(
                at(kafka, "environment.KAFKA_ADVERTISED_LISTENERS")
                        + " advertises no "
                        + listener
                        + " listener");
    }

    /** The ports a service's own configuration makes it listen on. */
    private static Set<Integer> listeningPorts(Service s) {
        Set<Integer> ports = new java.util.TreeSet<>();
        String listeners = s.environment().get("KAFKA_LISTENERS");
        if (listeners != null) {
            for (String l : listeners.split(",")) {
                ports.add(Integer.parseInt(l.substring(l.lastIndexOf(':') + 1)));
            }
        }
        if (s.image().startsWith("flink:")) {
            Map<String, String> props = flinkProperties(s);
            if (s.command().contains("standalone-job") || s.command().contains("jobmanager")) {
                ports.add(
                        Integer.parseInt(
                                props.getOrDefault(
                                        RestOptions.PORT.key(),
                                        RestOptions.PORT.defaultValue().toString())));
            }
            String prom = props.get("metrics.reporter.prom.port");
            if (prom != null) {
                ports.add(Integer.parseInt(prom));
            }
        }
        s.option("--port").ifPresent(p -> ports.add(Integer.parseInt(p)));
        return ports;
    }

    /** FLINK_PROPERTIES as the image's entrypoint reads it: one {@code key: value} a line. */
    private static Map<String, String> flinkProperties(Service s) {
        String text = s.environment().get("FLINK_PROPERTIES");
        assertThat(text).as(at(s, "environment.FLINK_PROPERTIES")).isNotNull();
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            assertThat(colon)
                    .as(at(s, "environment.FLINK_PROPERTIES") + " line '" + line + "'")
                    .isPositive();
            props.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return props;
    }

    /** The keys of Flink's options for the cluster's processes, from Flink's own classes. */
    private static Set<String> knownFlinkKeys() throws IllegalAccessException {
        Set<String> keys = new java.util.HashSet<>();
        for (Class<?> c :
                List.of(
                        JobManagerOptions.class,
                        TaskManagerOptions.class,
                        CoreOptions.class,
                        CheckpointingOptions.class,
                        RestOptions.class,
                        MetricOptions.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && ConfigOption.class.isAssignableFrom(f.getType())) {
                    keys.add(((ConfigOption<?>) f.get(null)).key());
                }
            }
        }
        return keys;
    }
}
