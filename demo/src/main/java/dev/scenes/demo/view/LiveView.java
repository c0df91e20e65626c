package dev.scenes.demo.view;

import java.util.List;
import java.util.Locale;

/**
 * Renders the {@link ScoreSnapshot} as text: a table of the first {@code rows} sensors (true scene,
 * predicted scene, confidence, model version, lag) under a line of totals (events, running
 * accuracy, chunks/s, events/s).
 *
 * <p>On a terminal each frame starts with ANSI "cursor home, clear screen", so the view refreshes
 * in place; elsewhere (a pipe, a log file, a test) frames are plain text, one after the other.
 */
public final class LiveView {

    /** Cursor home, then clear the screen. */
    static final String CLEAR = "\033[H\033[2J";

    private final int rows;
    private final boolean ansi;

    /**
     * @param rows how many sensors are listed at most
     * @param ansi whether frames redraw the screen in place (a terminal)
     */
    public LiveView(int rows, boolean ansi) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows is " + rows + "; expected 0 or more");
        }
        this.rows = rows;
        this.ansi = ansi;
    }

    /** Whether frames redraw in place. */
    public boolean ansi() {
        return ansi;
    }

    /**
     * One frame.
     *
     * @param header lines shown above the table on a terminal (the addresses to attach to)
     * @param elapsedSeconds seconds since the demo started
     * @param chunksPerSecond chunks handed to Kafka per second, lately
     * @param eventsPerSecond scene events seen per second, lately
     */
    public String frame(
            List<String> header,
            ScoreSnapshot s,
            double elapsedSeconds,
            double chunksPerSecond,
            double eventsPerSecond) {
        StringBuilder b = new StringBuilder(4096);
        String totals =
                String.format(
                        Locale.ROOT,
                        "[%5.0f s] events %d, accuracy %s (seen devices %s, unseen %s), %.0f chunks/s,"
                                + " %.1f events/s, mean lag %s",
                        elapsedSeconds,
                        s.events(),
                        s.overall(),
                        percent(s.seenDevices()),
                        percent(s.unseenDevices()),
                        chunksPerSecond,
                        eventsPerSecond,
                        Double.isNaN(s.meanLagSeconds())
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f s", s.meanLagSeconds()));
        if (!ansi) {
            return b.append(totals).append('\n').toString();
        }
        b.append(CLEAR);
        header.forEach(line -> b.append(line).append('\n'));
        b.append('\n').append(totals).append('\n').append('\n');
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-10s %-4s %-18s %-18s %5s %-22s %6s %6s %s%n",
                        "sensor",
                        "dev",
                        "true scene",
                        "predicted",
                        "conf",
                        "model",
                        "lag s",
                        "events",
                        "accuracy"));
        List<SensorRow> shown = s.rows().subList(0, Math.min(rows, s.rows().size()));
        for (SensorRow r : shown) {
            boolean right = r.predicted() != null && r.predicted().equals(r.trueScene());
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-10s %-4s %-18s %-18s %5s %-22s %6s %6d %s%n",
                            r.sensorId(),
                            r.device(),
                            orDash(r.trueScene()),
                            orDash(r.predicted()) + (right ? " *" : ""),
                            Float.isNaN(r.confidence())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.2f", r.confidence()),
                            orDash(r.modelVersion()),
                            Double.isNaN(r.lagSeconds())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f", r.lagSeconds()),
                            r.events(),
                            r.tally()));
        }
        if (s.rows().size() > shown.size()) {
            b.append("... and ").append(s.rows().size() - shown.size()).append(" more sensors\n");
        }
        b.append("\n(* = predicted scene is the true one now; Ctrl-C stops)\n");
        return b.toString();
    }

    private static String percent(Tally t) {
        return t.scored() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * t.accuracy());
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
