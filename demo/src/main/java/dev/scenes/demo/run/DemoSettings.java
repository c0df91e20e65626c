package dev.scenes.demo.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a demo run is made of (built from {@code ./scenes demo}'s options, or by a test).
 *
 * @param sensors simulated sensors, 1..100000
 * @param duration wall-clock time the fleet streams before the demo winds down and prints its
 *     summary; {@code null} for until Ctrl-C
 * @param speed simulated seconds per wall second, more than 0
 * @param modelFile the ONNX model to run, or {@code null} for the bundled default
 * @param seed seed of the fleet (places, devices' noise, scene schedules)
 * @param webUiPort port of the Flink web UI on 127.0.0.1; 0 for any free port
 * @param parallelism subtasks of the job's operators (and partitions of the topics)
 * @param checkpointInterval time between checkpoints, which is when exactly-once events appear
 * @param sceneMinutes mean minutes of simulated time between scene changes
 * @param tempRoot where the demo's temporary directory is made ({@code null}: java.io.tmpdir)
 * @param dashboardHost the address the web dashboard listens on, or {@code null} for no dashboard
 * @param dashboardPort the dashboard's port; 0 for any free port
 */
public record DemoSettings(
        int sensors,
        Duration duration,
        double speed,
        Path modelFile,
        long seed,
        int webUiPort,
        int parallelism,
        Duration checkpointInterval,
        double sceneMinutes,
        Path tempRoot,
        String dashboardHost,
        int dashboardPort) {

    /** Checks the values, naming the bad one and what is expected. */
    public DemoSettings {
        if (sensors < 1 || sensors > 100_000) {
            throw new IllegalArgumentException("--sensors is " + sensors + "; expected 1..100000");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(
                    "--duration is " + duration + "; expected a positive duration, e.g. 60s");
        }
        if (!(speed > 0) || speed > 10_000) {
            throw new IllegalArgumentException(
                    "--speed is " + speed + "; expected more than 0, up to 10000");
        }
        if (webUiPort < 0 || webUiPort > 65535) {
            throw new IllegalArgumentException(
                    "--web-ui-port is " + webUiPort + "; expected 1..65535 (0: any free port)");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException(
                    "--parallelism is " + parallelism + "; expected 1..64");
        }
        if (dashboardPort < 0 || dashboardPort > 65535) {
            throw new IllegalArgumentException(
                    "--dashboard-port is "
                            + dashboardPort
                            + "; expected 1..65535 (0: any free port)");
        }
        if (dashboardHost != null && dashboardHost.isBlank()) {
            throw new IllegalArgumentException(
                    "--dashboard-host is blank; expected an address, e.g. 127.0.0.1");
        }
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "checkpoint interval is " + checkpointInterval + "; expected at least 100 ms");
        }
    }

    /**
     * 50 sensors until Ctrl-C at real-time pace with the bundled model, seed 1, the web UI on 8081,
     * parallelism 2, a checkpoint every 2 s, a scene change every 3 simulated minutes on average,
     * the dashboard on a free port of 127.0.0.1.
     */
    public static DemoSettings defaults() {
        return new DemoSettings(
                50, null, 1, null, 1, 8081, 2, Duration.ofSeconds(2), 3, null, "127.0.0.1", 0);
    }

    /** Whether the web dashboard runs. */
    public boolean dashboard() {
        return dashboardHost != null;
    }

    /** The simulated audio each sensor makes: the duration times the speed; null if endless. */
    public Duration simulatedDuration() {
        return duration == null ? null : Duration.ofNanos(Math.round(duration.toNanos() * speed));
    }
}
