package dev.scenes.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.bench.Machine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on a made-up set of events whose answers are known. */
class LoadReportTest {

    private static final long T0 = 1_800_000_000_000L;

    private static LoadSettings settings(int sensors) {
        return new LoadSettings(
                sensors,
                Duration.ZERO,
                Duration.ofSeconds(20),
                "exactly-once",
                Duration.ofSeconds(5),
                250,
                Duration.ofMillis(250),
                2,
                4,
                "cpmobile-s",
                "1g",
                "filesystem",
                null,
                Path.of("unused"));
    }

    private static LoadReport report(int sensors, List<EventCollector.Seen> seen) {
        return LoadRun.report(
                settings(sensors),
                Machine.now(),
                T0,
                T0 + 20_000,
                seen,
                0,
                new long[] {0, 0, 0, 100},
                new long[] {4_000_000_000L, 1_000_000_000L, 50, 200},
                List.of(new long[] {0, 0}),
                new long[] {3, 204_800, 100_000},
                10,
                1,
                java.util.Map.of("segment-classif", new ThreadCpu.Cpu(2.9, 0.1)));
    }

    private static EventCollector.Seen event(String sensor, int segment, long lagMillis) {
        long start = T0 + segment * 10_000L;
        return new EventCollector.Seen(sensor, start, start + 10_000, start + 10_000 + lagMillis);
    }

    @Test
    void shouldCountMissingAndDuplicateSegmentsAndIgnoreTheTail() {
        List<EventCollector.Seen> seen = new ArrayList<>();
        seen.add(event("a", 0, 1000));
        seen.add(event("a", 1, 1000));
        seen.add(event("a", 1, 1200)); // duplicate
        seen.add(event("b", 0, 1000)); // b's segment 1 is missing
        seen.add(event("b", 2, 1000)); // after the window: ignored

        LoadReport r = report(2, seen);

        assertThat(r.expectedEvents()).isEqualTo(4);
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.complete()).isFalse();
        assertThat(r.sustained()).isFalse();
    }

    @Test
    void shouldTakeLagPercentilesOverFirstDeliveriesAndEFromTheJobCpu() {
        List<EventCollector.Seen> seen = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            seen.add(event("s" + i, 0, 1000 + i)); // 1000..1099 ms
            seen.add(event("s" + i, 1, 2000 + i)); // 2000..2099 ms; nearest rank: p95 = 190th
        }

        LoadReport r = report(100, seen);

        assertThat(r.complete()).isTrue();
        assertThat(r.eventLagMillis()).containsExactly(1099, 2089, 2097, 2099);
        assertThat(r.firstSegmentLagMedianMillis()).isEqualTo(1050);
        assertThat(r.lastSegmentLagMedianMillis()).isEqualTo(2050);
        // 200 segments x 10 s of audio over 4 s of job CPU.
        assertThat(r.audioSecondsPerJobCpuSecond()).isEqualTo(500.0);
        assertThat(r.jobCpuSeconds()).isEqualTo(4.0);
        assertThat(r.boxBusy()).isEqualTo(0.5);
        assertThat(r.stateBytesPerSensor()).isEqualTo(2048.0);
        // The lag grew by 1 s, within the 5-s checkpoint interval allowed.
        assertThat(r.sustained()).isTrue();
    }
}
