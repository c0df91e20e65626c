package dev.scenes.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.demo.run.DemoSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code ./scenes demo}'s options turn into. */
class DemoCommandTest {

    private static DemoSettings parse(String... args) {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void shouldStartTheDashboardOnAFreePortOfThisMachineByDefault() {
        DemoSettings settings = parse();
        assertThat(settings.dashboard()).isTrue();
        assertThat(settings.dashboardHost()).isEqualTo("127.0.0.1");
        assertThat(settings.dashboardPort()).isZero();
    }

    @Test
    void shouldNotStartTheDashboardWithNoDashboard() {
        assertThat(parse("--no-dashboard").dashboard()).isFalse();
    }

    @Test
    void shouldPassTheDashboardAddressAndTheRunOptionsThrough() {
        DemoSettings settings =
                parse(
                        "--dashboard-host",
                        "0.0.0.0",
                        "--dashboard-port",
                        "8099",
                        "--sensors",
                        "7",
                        "--duration",
                        "90",
                        "--speed",
                        "4");
        assertThat(settings.dashboardHost()).isEqualTo("0.0.0.0");
        assertThat(settings.dashboardPort()).isEqualTo(8099);
        assertThat(settings.sensors()).isEqualTo(7);
        assertThat(settings.duration()).hasSeconds(90);
        assertThat(settings.speed()).isEqualTo(4.0);
    }
}
