package dev.scenes.demo.dashboard;

import static dev.scenes.demo.events.EventFormat.quote;

import dev.scenes.schema.SceneEvent;
import dev.scenes.schema.SensorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard shows, kept in memory: per sensor its latest prediction, its health (the last
 * {@code sensor-status} record; none means healthy) and its timeline of scenes over the last hour
 * of its own segment times; with the truth, when it is known (the demo's simulated sensors), a
 * running confusion matrix.
 *
 * <p>Memory is bounded: a timeline keeps the segments that end within {@link #TIMELINE_SPAN} of the
 * sensor's newest one, at most {@link #MAX_SEGMENTS_PER_SENSOR}; at most {@link #MAX_SENSORS}
 * sensors get a tile (later ones are counted, not shown); the matrix is labels x labels.
 *
 * <p>The page gets the whole state once ({@link Tick#snapshot()}), then only what changed ({@link
 * Tick#delta()}); {@link #tick} takes both under one lock, so a change is in exactly one of them.
 * Thread-safe: Kafka consumers write, the push thread ticks.
 */
public final class DashboardModel {

    /** How far back a sensor's timeline reaches, from its newest segment. */
    public static final Duration TIMELINE_SPAN = Duration.ofHours(1);

    /** Segments a timeline keeps at most (an hour of 10 s segments is 360). */
    public static final int MAX_SEGMENTS_PER_SENSOR = 720;

    /** Sensors that get a tile at most. */
    public static final int MAX_SENSORS = 10_000;

    /** The scenes in the order of the DCASE 2021 Task 1a task description (and of the page). */
    private static final List<String> DCASE_ORDER =
            List.of(
                    "airport",
                    "shopping_mall",
                    "metro_station",
                    "street_pedestrian",
                    "public_square",
                    "street_traffic",
                    "tram",
                    "bus",
                    "metro",
                    "park");

    /** One classified segment of a sensor's timeline; times in epoch milliseconds. */
    record Segment(
            long startMillis, long endMillis, String scene, float confidence, String truth) {}

    private static final class Tile {
        private final String id;
        private String scene;
        private float confidence = Float.NaN;
        private String modelVersion;
        private long segmentEndMillis;
        private String truth;
        private String health = "OK";
        private String healthDetail = "no status reported: healthy";
        private long events;
        private long scored;
        private long correct;
        private final ArrayDeque<Segment> timeline = new ArrayDeque<>();
        private final List<Segment> added = new ArrayList<>();

        private Tile(String id) {
            this.id = id;
        }
    }

    /**
     * What a tick hands the push thread.
     *
     * @param delta JSON of what changed since the previous tick, or {@code null} if nothing did
     * @param snapshot JSON of the whole state, or {@code null} if none was asked for
     */
    public record Tick(String delta, String snapshot) {}

    private final String title;
    private final Map<String, Tile> tiles = new TreeMap<>();
    private final Map<String, String> devices = new ConcurrentHashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Map<String, Long>> confusion = new LinkedHashMap<>();
    private boolean matrixDirty;
    private long events;
    private long statuses;
    private long duplicates;
    private long untracked;
    private volatile String feed = "starting";
    private boolean feedDirty;

    /** An empty model; {@code title} names the source on the page (e.g. the bootstrap servers). */
    public DashboardModel(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Shows {@code device} on the tile of {@code sensorId} (the demo knows its fleet's devices).
     */
    public void describe(String sensorId, String device) {
        if (devices.size() < MAX_SENSORS) {
            devices.put(sensorId, device);
        }
    }

    /** What the Kafka feed is doing, one line for the page's header. */
    public synchronized void feedState(String state) {
        if (!state.equals(feed)) {
            feed = state;
            feedDirty = true;
        }
    }

    /** The Kafka feed's state. */
    public String feedState() {
        return feed;
    }

    /**
     * Adds a scene event; {@code truth} is the scene the sensor really heard over the segment, or
     * {@code null} when not known. A segment seen before (same sensor and start) is counted as a
     * duplicate and changes nothing.
     */
    public synchronized void onEvent(SceneEvent event, String truth) {
        String id = event.getSensorId().toString();
        Tile tile = tile(id);
        if (tile == null) {
            return;
        }
        long start = event.getSegmentStart().toEpochMilli();
        long end = event.getSegmentEnd().toEpochMilli();
        for (Iterator<Segment> it = tile.timeline.descendingIterator(); it.hasNext(); ) {
            Segment s = it.next();
            if (s.startMillis() == start) {
                duplicates++;
                return;
            }
            if (s.endMillis() < start) {
                break;
            }
        }
        events++;
        learnLabels(event);
        String scene = event.getScene().toString();
        Segment segment = new Segment(start, end, scene, event.getConfidence(), truth);
        tile.events++;
        if (end >= tile.segmentEndMillis) {
            tile.scene = scene;
            tile.confidence = event.getConfidence();
            tile.modelVersion = event.getModelVersion().toString();
            tile.segmentEndMillis = end;
            tile.truth = truth;
        }
        tile.timeline.addLast(segment);
        tile.added.add(segment);
        prune(tile);
        if (truth != null) {
            tile.scored++;
            if (truth.equals(scene)) {
                tile.correct++;
            }
            addLabel(truth);
            confusion
                    .computeIfAbsent(truth, t -> new LinkedHashMap<>())
                    .merge(scene, 1L, Long::sum);
            matrixDirty = true;
        }
        dirty.add(id);
    }

    /** Sets the health shown on the tile of the status's sensor. */
    public synchronized void onStatus(SensorStatus status) {
        Tile tile = tile(status.getSensorId().toString());
        if (tile == null) {
            return;
        }
        statuses++;
        tile.health = status.getStatus().name();
        tile.healthDetail = status.getDetail().toString();
        dirty.add(tile.id);
    }

    /** Scene events taken in (duplicates excluded). */
    public synchronized long events() {
        return events;
    }

    /** The timeline of {@code sensorId}, oldest first (tests). */
    synchronized List<Segment> timeline(String sensorId) {
        Tile tile = tiles.get(sensorId);
        return tile == null ? List.of() : List.copyOf(tile.timeline);
    }

    /** Counts of (truth, predicted) pairs (tests). */
    synchronized long confusion(String truth, String predicted) {
        return confusion.getOrDefault(truth, Map.of()).getOrDefault(predicted, 0L);
    }

    /**
     * What changed since the previous tick, and the whole state if {@code withSnapshot}; taken
     * together so that a change is in exactly one of them.
     */
    public synchronized Tick tick(boolean withSnapshot) {
        String delta = null;
        if (!dirty.isEmpty() || matrixDirty || feedDirty) {
            StringBuilder b = new StringBuilder(256 + 512 * dirty.size());
            b.append('{');
            header(b);
            b.append(",\"tiles\":[");
            boolean first = true;
            for (String id : dirty) {
                Tile tile = tiles.get(id);
                if (!first) {
                    b.append(',');
                }
                first = false;
                tileJson(b, tile, tile.added);
            }
            b.append(']');
            if (matrixDirty) {
                b.append(',');
                matrixJson(b);
            }
            delta = b.append('}').toString();
        }
        for (String id : dirty) {
            tiles.get(id).added.clear();
        }
        dirty.clear();
        matrixDirty = false;
        feedDirty = false;
        return new Tick(delta, withSnapshot ? snapshotJson() : null);
    }

    /** The whole state as JSON. */
    public synchronized String snapshotJson() {
        StringBuilder b = new StringBuilder(1024 + 2048 * tiles.size());
        b.append('{');
        header(b);
        b.append(",\"tiles\":[");
        boolean first = true;
        for (Tile tile : tiles.values()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            tileJson(b, tile, tile.timeline);
        }
        b.append("],");
        matrixJson(b);
        return b.append('}').toString();
    }

    private Tile tile(String id) {
        Tile tile = tiles.get(id);
        if (tile == null) {
            if (tiles.size() >= MAX_SENSORS) {
                untracked++;
                return null;
            }
            tile = new Tile(id);
            tiles.put(id, tile);
        }
        return tile;
    }

    /** Adds {@code label} in the order of the DCASE 2021 Task 1a labels, others after by name. */
    private void addLabel(String label) {
        if (labels.contains(label)) {
            return;
        }
        labels.add(label);
        labels.sort(
                Comparator.comparingInt(
                                (String l) -> {
                                    int i = DCASE_ORDER.indexOf(l);
                                    return i < 0 ? DCASE_ORDER.size() : i;
                                })
                        .thenComparing(Comparator.naturalOrder()));
        matrixDirty = true;
    }

    private void learnLabels(SceneEvent event) {
        if (!labels.isEmpty() && labels.contains(event.getScene().toString())) {
            return;
        }
        // The probabilities name every class of the model.
        for (CharSequence label : event.getProbabilities().keySet()) {
            addLabel(label.toString());
        }
        addLabel(event.getScene().toString());
    }

    private static void prune(Tile tile) {
        long newestEnd = tile.timeline.stream().mapToLong(Segment::endMillis).max().orElse(0);
        long horizon = newestEnd - TIMELINE_SPAN.toMillis();
        tile.timeline.removeIf(s -> s.endMillis() <= horizon);
        while (tile.timeline.size() > MAX_SEGMENTS_PER_SENSOR) {
            tile.timeline.removeFirst();
        }
        if (tile.added.size() > MAX_SEGMENTS_PER_SENSOR) {
            tile.added.subList(0, tile.added.size() - MAX_SEGMENTS_PER_SENSOR).clear();
        }
    }

    private void header(StringBuilder b) {
        b.append("\"title\":").append(quote(title));
        b.append(",\"feed\":").append(quote(feed));
        b.append(",\"events\":").append(events);
        b.append(",\"statuses\":").append(statuses);
        b.append(",\"duplicates\":").append(duplicates);
        b.append(",\"untracked\":").append(untracked);
        b.append(",\"sensors\":").append(tiles.size());
        b.append(",\"spanMillis\":").append(TIMELINE_SPAN.toMillis());
        b.append(",\"serverTime\":").append(Instant.now().toEpochMilli());
    }

    private void tileJson(StringBuilder b, Tile t, Iterable<Segment> segments) {
        b.append("{\"id\":").append(quote(t.id));
        String device = devices.get(t.id);
        b.append(",\"device\":").append(device == null ? "null" : quote(device));
        b.append(",\"scene\":").append(t.scene == null ? "null" : quote(t.scene));
        b.append(",\"confidence\":").append(number(t.confidence));
        b.append(",\"model\":").append(t.modelVersion == null ? "null" : quote(t.modelVersion));
        b.append(",\"segmentEnd\":").append(t.segmentEndMillis);
        b.append(",\"truth\":").append(t.truth == null ? "null" : quote(t.truth));
        b.append(",\"health\":").append(quote(t.health));
        b.append(",\"healthDetail\":").append(quote(t.healthDetail));
        b.append(",\"events\":").append(t.events);
        b.append(",\"scored\":").append(t.scored);
        b.append(",\"correct\":").append(t.correct);
        b.append(",\"segments\":[");
        boolean first = true;
        for (Segment s : segments) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('[')
                    .append(s.startMillis())
                    .append(',')
                    .append(s.endMillis())
                    .append(',')
                    .append(quote(s.scene()))
                    .append(',')
                    .append(number(s.confidence()))
                    .append(',')
                    .append(s.truth() == null ? "null" : quote(s.truth()))
                    .append(']');
        }
        b.append("]}");
    }

    private void matrixJson(StringBuilder b) {
        b.append("\"labels\":[");
        for (int i = 0; i < labels.size(); i++) {
            b.append(i == 0 ? "" : ",").append(quote(labels.get(i)));
        }
        b.append("],\"matrix\":[");
        long total = 0;
        long correct = 0;
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Long> row = confusion.getOrDefault(labels.get(i), Map.of());
            b.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < labels.size(); j++) {
                long n = row.getOrDefault(labels.get(j), 0L);
                b.append(j == 0 ? "" : ",").append(n);
                total += n;
                if (i == j) {
                    correct += n;
                }
            }
            b.append(']');
        }
        b.append("],\"scored\":").append(total).append(",\"correct\":").append(correct);
    }

    private static String number(float v) {
        return Float.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
    }
}
