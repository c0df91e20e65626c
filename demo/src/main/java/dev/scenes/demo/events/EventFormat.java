package dev.scenes.demo.events;

import dev.scenes.schema.SceneEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link SceneEvent} is printed: a readable line for people ({@code 12:00:10 s17
 * street_traffic 0.82 v=... cov=1.00 flags=-}) or one JSON object per line for programs, with every
 * field and ISO-8601 timestamps.
 */
public final class EventFormat {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private EventFormat() {}

    /**
     * One readable line: the segment's end (UTC clock time), sensor, scene, confidence, model
     * version, coverage and flags ({@code -} for none).
     */
    public static String line(SceneEvent e) {
        List<String> flags = e.getFlags().stream().map(CharSequence::toString).toList();
        return String.format(
                Locale.ROOT,
                "%s %s %s %.2f v=%s cov=%.2f flags=%s",
                CLOCK.format(e.getSegmentEnd()),
                e.getSensorId(),
                e.getScene(),
                e.getConfidence(),
                e.getModelVersion(),
                e.getCoverage(),
                flags.isEmpty() ? "-" : String.join(",", flags));
    }

    /**
     * One JSON object with every field in schema order; timestamps as ISO-8601 instants, the
     * probabilities sorted by label.
     */
    public static String json(SceneEvent e) {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        field(b, "sensorId").append(quote(e.getSensorId().toString())).append(',');
        field(b, "segmentStart").append(quote(iso(e.getSegmentStart()))).append(',');
        field(b, "segmentEnd").append(quote(iso(e.getSegmentEnd()))).append(',');
        field(b, "scene").append(quote(e.getScene().toString())).append(',');
        field(b, "confidence").append(number(e.getConfidence())).append(',');
        field(b, "probabilities").append('{');
        Map<String, Float> probabilities = new TreeMap<>();
        e.getProbabilities().forEach((k, v) -> probabilities.put(k.toString(), v));
        boolean first = true;
        for (Map.Entry<String, Float> p : probabilities.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(quote(p.getKey())).append(':').append(number(p.getValue()));
        }
        b.append("},");
        field(b, "modelVersion").append(quote(e.getModelVersion().toString())).append(',');
        field(b, "coverage").append(number(e.getCoverage())).append(',');
        field(b, "flags").append('[');
        first = true;
        for (CharSequence flag : e.getFlags()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(quote(flag.toString()));
        }
        b.append("],");
        field(b, "processedAt").append(quote(iso(e.getProcessedAt())));
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name) {
        return b.append('"').append(name).append("\":");
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** A float as JSON: its shortest decimal form (NaN and infinities, never valid, as null). */
    private static String number(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "null";
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
