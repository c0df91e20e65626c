package dev.scenes.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one load run measured.
 *
 * @param settings the run's settings
 * @param machine the machine and its load average when the run started
 * @param loadAverageAfter the load average when it ended
 * @param windowStart epoch ms of the first measured segment's start
 * @param expectedEvents sensors x segments in the window
 * @param events distinct (sensor, segment) events of the window seen by the read_committed consumer
 * @param missing window segments without an event
 * @param duplicates events beyond the first for a (sensor, segment)
 * @param rejected dead letters (validation rejects and late chunks) during the run
 * @param jobCpuSeconds CPU time of the job JVM during the window
 * @param harnessCpuSeconds CPU time of this JVM (broker, producers, consumer) during the window
 * @param boxBusy share of all cores' time that was busy during the window (whole machine)
 * @param eventLagMillis p50, p95, p99 and max of (event visible - segment end) over the window
 * @param firstSegmentLagMedianMillis median event lag of the first window segment
 * @param lastSegmentLagMedianMillis median event lag of the last window segment
 * @param consumerLag seconds since the window start, records not yet committed by the job's
 *     consumer group on audio-chunks (offsets commit with checkpoints)
 * @param checkpoints completed checkpoints
 * @param maxCheckpointBytes largest completed checkpoint's state size
 * @param producerMaxBehindMillis how late the producers finished a round of chunks at worst
 * @param jobPid the job JVM's pid
 * @param jobThreads CPU seconds of the job JVM's thread groups during the window ({@link
 *     ThreadCpu}), largest first
 */
public record LoadReport(
        LoadSettings settings,
        String machine,
        String loadAverageAfter,
        long windowStart,
        int expectedEvents,
        int events,
        int missing,
        int duplicates,
        long rejected,
        double jobCpuSeconds,
        double harnessCpuSeconds,
        double boxBusy,
        long[] eventLagMillis,
        long firstSegmentLagMedianMillis,
        long lastSegmentLagMedianMillis,
        List<long[]> consumerLag,
        long checkpoints,
        long maxCheckpointBytes,
        long producerMaxBehindMillis,
        long jobPid,
        Map<String, ThreadCpu.Cpu> jobThreads) {

    /** Audio-seconds per second the sensors offered (one per sensor, live). */
    public double offeredAudioSecondsPerSecond() {
        return settings.sensors();
    }

    /** Audio-seconds per second classified and delivered over the window. */
    public double deliveredAudioSecondsPerSecond() {
        return events * 10.0 / (settings.duration().toMillis() / 1000.0);
    }

    /** E: audio-seconds classified per CPU-second of the job JVM. */
    public double audioSecondsPerJobCpuSecond() {
        return jobCpuSeconds > 0 ? events * 10.0 / jobCpuSeconds : 0;
    }

    /** State per sensor: the largest checkpoint over the sensors. */
    public double stateBytesPerSensor() {
        return maxCheckpointBytes / (double) settings.sensors();
    }

    /** Nothing lost, nothing repeated, nothing rejected. */
    public boolean complete() {
        return missing == 0 && duplicates == 0 && rejected == 0 && events == expectedEvents;
    }

    /**
     * Sustained: complete, and the event lag did not grow over the window (the median of the last
     * segment is within max(1 s, checkpoint interval) of the first's).
     */
    public boolean sustained() {
        long allowed = Math.max(1000, settings.checkpointInterval().toMillis());
        return complete() && lastSegmentLagMedianMillis - firstSegmentLagMedianMillis <= allowed;
    }

    /** The target: p99 event lag at most 1 s + the checkpoint interval. */
    public boolean lagTargetMet() {
        return eventLagMillis[2] <= 1000 + settings.checkpointInterval().toMillis();
    }

    /** The report for humans. */
    public String toText() {
        LoadSettings s = settings;
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "== pipeline load: %d sensors x %d s (after %d s of warm-up), %s,"
                                + " checkpoints every %d ms, chunks of %d ms, out-of-orderness %d"
                                + " ms, parallelism %d, %d partitions, %s int8, %s checkpoints ==%n",
                        s.sensors(),
                        s.duration().toSeconds(),
                        s.warmup().toSeconds(),
                        s.delivery(),
                        s.checkpointInterval().toMillis(),
                        s.chunkMillis(),
                        s.outOfOrderness().toMillis(),
                        s.parallelism(),
                        s.partitions(),
                        s.architecture(),
                        s.checkpointStorage()));
        b.append("machine: ").append(machine).append('\n');
        b.append("load average after: ").append(loadAverageAfter).append('\n');
        b.append(
                String.format(
                        Locale.ROOT,
                        "events: %d of %d expected, %d missing, %d duplicates, %d rejected ->"
                                + " %s%n",
                        events,
                        expectedEvents,
                        missing,
                        duplicates,
                        rejected,
                        complete() ? "complete" : "INCOMPLETE"));
        b.append(
                String.format(
                        Locale.ROOT,
                        "throughput: offered %.0f, delivered %.1f audio-s/s%n",
                        offeredAudioSecondsPerSecond(),
                        deliveredAudioSecondsPerSecond()));
        b.append(
                String.format(
                        Locale.ROOT,
                        "job JVM (pid %d) CPU: %.1f s over %d s (%.2f cores) -> E = %.0f audio-s"
                                + " per CPU-s%n",
                        jobPid,
                        jobCpuSeconds,
                        s.duration().toSeconds(),
                        jobCpuSeconds / s.duration().toSeconds(),
                        audioSecondsPerJobCpuSecond()));
        b.append(
                String.format(
                        Locale.ROOT,
                        "harness JVM (broker, producers, consumer) CPU: %.1f s; whole machine"
                                + " busy %.0f%%%n",
                        harnessCpuSeconds,
                        100 * boxBusy));
        b.append(
                String.format(
                        Locale.ROOT,
                        "event lag (segment end -> visible to read_committed): p50 %d ms, p95 %d"
                                + " ms, p99 %d ms, max %d ms; first segment median %d ms, last"
                                + " %d ms%n",
                        eventLagMillis[0],
                        eventLagMillis[1],
                        eventLagMillis[2],
                        eventLagMillis[3],
                        firstSegmentLagMedianMillis,
                        lastSegmentLagMedianMillis));
        b.append(
                String.format(
                        Locale.ROOT,
                        "state: %d checkpoints, largest %d bytes = %.1f KB per sensor%n",
                        checkpoints,
                        maxCheckpointBytes,
                        stateBytesPerSensor() / 1024));
        b.append("producers: worst round finished ")
                .append(producerMaxBehindMillis)
                .append(" ms after its chunks were due\n");
        b.append(
                "job CPU by thread (s in the window, of which system time; threads named as Linux"
                        + " shows them):");
        jobThreads.forEach(
                (k, v) ->
                        b.append(
                                String.format(
                                        Locale.ROOT,
                                        " [%s] %.1f (sys %.1f);",
                                        k,
                                        v.total(),
                                        v.system())));
        b.append('\n');
        b.append("consumer lag (s since window start: records):");
        for (long[] p : consumerLag) {
            b.append(' ').append(p[0]).append(':').append(p[1]);
        }
        b.append('\n');
        b.append("sustained: ")
                .append(sustained() ? "yes" : "no")
                .append("; p99 lag <= 1 s + checkpoint interval: ")
                .append(lagTargetMet() ? "yes" : "no")
                .append('\n');
        return b.toString();
    }

    /** One line for the table of a --find-max run (tab-separated). */
    public String toRow() {
        return String.format(
                Locale.ROOT,
                "%d\t%.1f\t%.1f\t%d\t%d\t%d\t%.0f\t%.2f\t%.1f\t%s\t%s\t%s",
                settings.sensors(),
                offeredAudioSecondsPerSecond(),
                deliveredAudioSecondsPerSecond(),
                eventLagMillis[0],
                eventLagMillis[2],
                eventLagMillis[3],
                audioSecondsPerJobCpuSecond(),
                jobCpuSeconds / settings.duration().toSeconds(),
                stateBytesPerSensor() / 1024,
                complete() ? "complete" : "incomplete",
                sustained() ? "sustained" : "not-sustained",
                machine.replaceAll(".*load average ([0-9. ]+) at.*", "$1"));
    }

    /** Header of {@link #toRow()}. */
    public static String rowHeader() {
        return "sensors\toffered_audio_s_per_s\tdelivered_audio_s_per_s\tp50_lag_ms\tp99_lag_ms"
                + "\tmax_lag_ms\tE\tjob_cores\tstate_kb_per_sensor\tevents\tverdict\tload_avg";
    }
}
