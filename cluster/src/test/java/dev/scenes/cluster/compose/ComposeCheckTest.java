package dev.scenes.cluster.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks find what they are for: each test breaks one thing in a copy of {@code
 * docker/compose.yaml} (beside the real one, so relative jar paths still resolve) and expects the
 * matching check to name the entry at fault, while the same check passes on the real file.
 */
class ComposeCheckTest {

    private static Build build;
    private static String original;

    @BeforeAll
    static void read() throws Exception {
        build = Build.current();
        original = Files.readString(build.root().resolve("docker/compose.yaml"));
    }

    /** The check of {@code broken}, a copy of the compose file with one replacement. */
    private static ComposeCheck broken(String from, String to) throws Exception {
        assertThat(original).as("the compose file contains " + from).contains(from);
        Path copy =
                Files.createTempFile(build.root().resolve("docker"), ".compose-check-", ".yaml");
        try {
            Files.writeString(
                    copy,
                    original.replaceFirst(
                            java.util.regex.Pattern.quote(from),
                            java.util.regex.Matcher.quoteReplacement(to)));
            return new ComposeCheck(build, ComposeFile.read(copy));
        } finally {
            Files.delete(copy);
        }
    }

    private static void assertFound(List<String> problems, String entry, String what) {
        assertThat(problems).as("problems found").isNotEmpty();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(entry).contains(what));
    }

    private static ComposeCheck real() throws Exception {
        return new ComposeCheck(
                build, ComposeFile.read(build.root().resolve("docker/compose.yaml")));
    }

    @Test
    void shouldNameAnImageWhoseTagIsNotThePomsVersion() throws Exception {
        assertThat(real().images()).isEmpty();
        assertFound(
                broken(
                                "jobmanager:\n    image: flink:" + build.flinkVersion() + "-java17",
                                "jobmanager:\n    image: flink:1.20.0-java17")
                        .images(),
                "services.jobmanager.image",
                "flink:1.20.0-java17");
        assertFound(
                broken("image: apache/kafka:" + build.kafkaVersion(), "image: bitnami/kafka:latest")
                        .images(),
                "services.kafka.image",
                "bitnami/kafka:latest");
    }

    @Test
    void shouldNameAPortNobodyListensOnOrOpenToEveryInterface() throws Exception {
        assertThat(real().ports()).isEmpty();
        assertFound(
                broken("\"127.0.0.1:8081:8081\"", "\"127.0.0.1:8081:8082\"").ports(),
                "services.jobmanager.ports",
                "not on 8082");
        assertFound(
                broken("\"127.0.0.1:8088:8088\"", "\"8088:8088\"").ports(),
                "services.dashboard.ports",
                "every interface");
        assertFound(
                broken("\"127.0.0.1:9251:9249\"", "\"127.0.0.1:9250:9249\"").ports(),
                "services.taskmanager-2.ports",
                "published by taskmanager-1 too");
    }

    @Test
    void shouldNameAJarThatIsNotTheBuildsOrNotInUsrlib() throws Exception {
        assertThat(real().jobJarMounts()).isEmpty();
        String jar = "scenes-pipeline-" + build.projectVersion() + "-job.jar";
        assertFound(
                broken("target/" + jar, "target/scenes-pipeline-0.0.1-job.jar").jobJarMounts(),
                "services.jobmanager.volumes",
                "the job jar of this build is");
        assertFound(
                broken(jar + ":/opt/flink/usrlib/", jar + ":/opt/flink/lib/").jobJarMounts(),
                "services.jobmanager.volumes",
                "/opt/flink/usrlib/");
        assertFound(
                broken("../demo/target/scenes-demo-", "../demo/target/old-scenes-demo-")
                        .javaServices(),
                "services.fleet.volumes",
                "the demo app jar of this build is");
    }

    @Test
    void shouldNameAMainClassOrAJobArgumentTheJobDoesNotHave() throws Exception {
        assertThat(real().jobMain()).isEmpty();
        assertFound(
                broken(ComposeCheck.JOB_MAIN, "dev.scenes.pipeline.cli.NoSuchMain").jobMain(),
                "services.jobmanager.command",
                "class dev.scenes.pipeline.cli.NoSuchMain is not in the jar");
        assertFound(
                broken("- --checkpoint-interval", "- --checkpoint-every").jobMain(),
                "services.jobmanager.command",
                "--checkpoint-every");
        assertFound(
                broken("- exactly-once", "- twice").jobMain(),
                "services.jobmanager.command",
                "twice");
        assertFound(
                broken("- /opt/scenes/model/model.onnx", "- /models/model.onnx").jobMain(),
                "services.jobmanager.command",
                "--model /models/model.onnx is not in a volume");
        assertFound(
                broken("- kafka:9092\n      - --parallelism", "- kafka:9093\n      - --parallelism")
                        .jobMain(),
                "services.jobmanager.command",
                "--bootstrap-servers is kafka:9093");
    }

    @Test
    void shouldNameAFlinkOptionFlinkDoesNotKnowOrThatDiffers() throws Exception {
        assertThat(real().flinkProperties()).isEmpty();
        assertFound(
                broken(
                                "        taskmanager.numberOfTaskSlots: 2\n        parallelism",
                                "        taskmanager.numberOfTaskslots: 2\n        parallelism")
                        .flinkProperties(),
                "services.jobmanager.environment.FLINK_PROPERTIES",
                "'taskmanager.numberOfTaskslots' is not a Flink");
        assertFound(
                broken(ComposeCheck.PROMETHEUS_FACTORY, "org.example.NoReporterFactory")
                        .flinkProperties(),
                "services.jobmanager.environment.FLINK_PROPERTIES",
                "is not " + ComposeCheck.PROMETHEUS_FACTORY);
    }

    @Test
    void shouldNameATopicMissingFromTheInitStepOrAKafkaThatCannotRunTransactions()
            throws Exception {
        assertThat(real().topics()).isEmpty();
        assertThat(real().kafka()).isEmpty();
        assertFound(
                broken("--topic sensor-status", "--topic sensor-state").topics(),
                "services.kafka-init.command",
                "sensor-state");
        assertFound(
                broken(" --config cleanup.policy=compact", "").topics(),
                "services.kafka-init.command",
                "scene-models");
        assertFound(
                broken("CLUSTER_ID: ", "CLUSTER_ID: x").kafka(),
                "services.kafka.environment.CLUSTER_ID",
                "not a Kafka cluster id");
        assertFound(
                broken("KAFKA_LOG_DIRS: /var/lib/kafka/data", "KAFKA_LOG_DIRS: /tmp/kafka").kafka(),
                "services.kafka.environment.KAFKA_LOG_DIRS",
                "/tmp/kafka");
        assertFound(
                broken(
                                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1",
                                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 2")
                        .kafka(),
                "services.kafka.environment.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
                "expected 1");
    }

    @Test
    void shouldNameAnUndeclaredServiceOrVolume() throws Exception {
        assertThat(real().references()).isEmpty();
        assertFound(
                broken(
                                "- flink-checkpoints:/opt/flink/checkpoints",
                                "- flink-ckpt:/opt/flink/checkpoints")
                        .references(),
                "services.flink-volume-init.volumes",
                "'flink-ckpt', which is not declared");
    }
}
