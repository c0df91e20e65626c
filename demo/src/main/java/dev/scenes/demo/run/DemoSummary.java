package dev.scenes.demo.run;

import dev.scenes.demo.view.ScoreSnapshot;
import dev.scenes.demo.view.SensorRow;
import dev.scenes.demo.view.Tally;
import java.util.Locale;
import java.util.Map;

/**
 * How a demo run went, printed when it ends.
 *
 * @param scores the final scoreboard
 * @param chunks chunks the fleet handed to Kafka
 * @param jobRunningSeconds start -> the job reported RUNNING; NaN if it never did
 * @param firstEventSeconds start -> the first scene event was seen; NaN if none came
 * @param runSeconds start -> the end of the run (before shutdown)
 */
public record DemoSummary(
        ScoreSnapshot scores,
        long chunks,
        double jobRunningSeconds,
        double firstEventSeconds,
        double runSeconds) {

    /** Events per sensor id. */
    public Map<String, Long> eventsPerSensor() {
        return scores.rows().stream()
                .collect(
                        java.util.stream.Collectors.toMap(
                                SensorRow::sensorId,
                                SensorRow::events,
                                (a, b) -> a,
                                java.util.TreeMap::new));
    }

    /** The summary as text, several lines. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "summary: %d sensors, %d chunks, %d scene events in %.1f s (%d duplicates,"
                                + " %d not scored: no truth or too little audio)%n",
                        scores.rows().size(),
                        chunks,
                        scores.events(),
                        runSeconds,
                        scores.duplicates(),
                        scores.unscored()));
        b.append("accuracy against the truth: ").append(scores.overall()).append('\n');
        b.append("  devices seen in training (a, b, c, s1-s3): ")
                .append(scores.seenDevices())
                .append('\n');
        b.append("  devices unseen in training (s4-s6):        ")
                .append(scores.unseenDevices())
                .append('\n');
        StringBuilder devices = new StringBuilder();
        for (Map.Entry<String, Tally> e : scores.byDevice().entrySet()) {
            if (devices.length() > 0) {
                devices.append(", ");
            }
            devices.append(e.getKey()).append(' ').append(e.getValue());
        }
        b.append("  per device: ").append(devices.length() == 0 ? "-" : devices).append('\n');
        b.append(
                String.format(
                        Locale.ROOT,
                        "ready: job running %s s, first scene event %s s after start; mean lag %s s%n",
                        seconds(jobRunningSeconds),
                        seconds(firstEventSeconds),
                        seconds(scores.meanLagSeconds())));
        return b.toString();
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
    }
}
