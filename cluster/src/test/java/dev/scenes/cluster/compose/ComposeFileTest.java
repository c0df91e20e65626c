package dev.scenes.cluster.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} against the build, since no Docker engine runs here: every image tag,
 * published port, mounted jar, main class and argument it names must exist in (and agree with) what
 * {@code mvn package} built ({@link ComposeCheck}). Each failure names the compose entry at fault.
 *
 * <p>The jars must have been built: the job jar by the pipeline module, the application jar (fleet
 * and dashboard) by the demo module; {@code mvn verify} from the root builds both before this
 * module.
 */
class ComposeFileTest {

    private static ComposeCheck check;

    @BeforeAll
    static void read() throws Exception {
        Build build = Build.current();
        check =
                new ComposeCheck(
                        build, ComposeFile.read(build.root().resolve("docker/compose.yaml")));
    }

    @Test
    void shouldUseOnlyOfficialImagesAtThePomsVersions() {
        assertThat(check.images()).isEmpty();
    }

    @Test
    void shouldPublishOnlyPortsTheServicesListenOnToLocalhostOnce() {
        assertThat(check.ports()).isEmpty();
    }

    @Test
    void shouldMountTheJobJarThatPackageBuilds() {
        assertThat(check.jobJarMounts()).isEmpty();
    }

    @Test
    void shouldStartTheJobsMainClassWithArgumentsItsParserAccepts() throws Exception {
        assertThat(check.jobMain()).isEmpty();
    }

    @Test
    void shouldConfigureEveryFlinkServiceAlikeWithKnownOptionsAndPrometheus() throws Exception {
        assertThat(check.flinkProperties()).isEmpty();
    }

    @Test
    void shouldRunKafkaAsOneKraftNodeThatCanRunTransactions() {
        assertThat(check.kafka()).isEmpty();
    }

    @Test
    void shouldCreateExactlyThePipelinesTopicsBeforeAnythingUsesThem() {
        assertThat(check.topics()).isEmpty();
    }

    @Test
    void shouldReferOnlyToServicesAndVolumesItDefines() {
        assertThat(check.references()).isEmpty();
    }

    /** Needs demo/target/scenes-demo-<version>-app.jar, the demo module's shaded jar. */
    @Test
    void shouldRunTheFleetAndDashboardFromTheDemoAppJar() throws Exception {
        assertThat(check.javaServices()).isEmpty();
    }
}
