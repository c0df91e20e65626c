package dev.scenes.audio.synth;

import dev.scenes.audio.decode.AudioDecoder;
import dev.scenes.audio.decode.DecodedAudio;
import dev.scenes.audio.resample.Resampler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Real recordings that the scene models mix in as extra foreground events where they fit: rain over
 * outdoor scenes, dogs and roosters in parks, a crying baby in a mall or an airport, a helicopter
 * over streets, sneezes in halls and vehicles (see {@link #scenesFor}).
 *
 * <p>Read from a folder in the TAU / ESC layout ({@code meta.csv} with tab-separated {@code
 * filename} and {@code scene_label} columns, paths relative to the folder). Clips are decoded,
 * resampled to 44.1 kHz, trimmed of leading and trailing quiet and normalised to unit RMS. Classes
 * that fit no scene are ignored. Immutable and thread-safe once loaded.
 */
public final class EventLibrary {

    private static final int RATE = SceneRenderer.SAMPLE_RATE;

    private final Map<Scene, List<EventClip>> byScene;
    private final Map<String, Integer> perClass;

    private EventLibrary(Map<Scene, List<EventClip>> byScene, Map<String, Integer> perClass) {
        this.byScene = byScene;
        this.perClass = perClass;
    }

    /** No recordings: the generator is self-contained. */
    public static EventLibrary empty() {
        return new EventLibrary(new EnumMap<>(Scene.class), Map.of());
    }

    /**
     * Loads up to {@code maxPerClass} clips of every usable class from {@code dir}, in {@code
     * meta.csv} order.
     *
     * @throws IOException if meta.csv cannot be read or a listed file cannot be decoded
     */
    public static EventLibrary load(Path dir, int maxPerClass) throws IOException {
        Path meta = dir.resolve("meta.csv");
        if (!Files.isRegularFile(meta)) {
            throw new IOException(
                    "events folder "
                            + dir
                            + " has no meta.csv; expected the TAU/ESC layout (meta.csv with"
                            + " filename and scene_label columns)");
        }
        List<String> lines = Files.readAllLines(meta, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(meta + " is empty; expected a header and one line per clip");
        }
        String[] header = lines.get(0).split("\t");
        int fileColumn = indexOf(header, "filename", meta);
        int labelColumn = indexOf(header, "scene_label", meta);
        Map<String, Integer> counts = new TreeMap<>();
        Map<Scene, List<EventClip>> byScene = new EnumMap<>(Scene.class);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t");
            if (cells.length <= Math.max(fileColumn, labelColumn)) {
                throw new IOException(
                        meta + " line " + (n + 1) + " has " + cells.length + " columns: " + line);
            }
            String label = cells[labelColumn];
            Set<Scene> scenes = scenesFor(label);
            if (scenes.isEmpty() || counts.getOrDefault(label, 0) >= maxPerClass) {
                continue;
            }
            Path file = dir.resolve(cells[fileColumn]);
            float[] samples = prepare(AudioDecoder.decode(file));
            if (samples == null) {
                continue;
            }
            counts.merge(label, 1, Integer::sum);
            EventClip clip = new EventClip(label, cells[fileColumn], samples);
            for (Scene s : scenes) {
                byScene.computeIfAbsent(s, k -> new ArrayList<>()).add(clip);
            }
        }
        byScene.replaceAll((k, v) -> List.copyOf(v));
        return new EventLibrary(byScene, Collections.unmodifiableMap(new LinkedHashMap<>(counts)));
    }

    private static int indexOf(String[] header, String column, Path meta) throws IOException {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(column)) {
                return i;
            }
        }
        throw new IOException(meta + " has no '" + column + "' column in its header");
    }

    /** Resampled, trimmed to where it sounds, unit RMS; null if it is silent. */
    private static float[] prepare(DecodedAudio audio) {
        float[] x = Resampler.resample(audio.samples(), audio.sampleRate(), RATE);
        int window = RATE / 50;
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak < 1e-4) {
            return null;
        }
        double threshold = peak * 0.03;
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < threshold) {
            first++;
        }
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < threshold) {
            last--;
        }
        first = Math.max(0, first - window);
        last = Math.min(x.length - 1, last + window);
        float[] y = java.util.Arrays.copyOfRange(x, first, last + 1);
        double sum = 0;
        for (float v : y) {
            sum += (double) v * v;
        }
        float scale = (float) (1 / Math.sqrt(sum / y.length));
        // Fade 150 ms in and out: recordings start and stop abruptly, real events do not.
        int fade = Math.min(RATE * 3 / 20, y.length / 4);
        for (int i = 0; i < y.length; i++) {
            float g = scale;
            if (i < fade) {
                g *= (float) i / fade;
            } else if (i >= y.length - fade) {
                g *= (float) (y.length - 1 - i) / fade;
            }
            y[i] *= g;
        }
        return y;
    }

    /** The scenes where a recording of class {@code label} may occur (ESC-10 and ESC-50 names). */
    public static Set<Scene> scenesFor(String label) {
        return switch (label) {
            case "rain", "wind", "thunderstorm" ->
                    Set.of(
                            Scene.STREET_PEDESTRIAN,
                            Scene.PUBLIC_SQUARE,
                            Scene.STREET_TRAFFIC,
                            Scene.PARK);
            case "sea_waves", "crackling_fire", "fire_crackling" ->
                    Set.of(Scene.PARK, Scene.PUBLIC_SQUARE);
            case "dog_bark", "dog" ->
                    Set.of(Scene.PARK, Scene.STREET_PEDESTRIAN, Scene.PUBLIC_SQUARE);
            case "rooster", "chirping_birds", "crow" -> Set.of(Scene.PARK);
            case "baby_cry", "crying_baby" ->
                    Set.of(Scene.SHOPPING_MALL, Scene.AIRPORT, Scene.BUS, Scene.TRAM, Scene.METRO);
            case "helicopter", "airplane" ->
                    Set.of(
                            Scene.STREET_TRAFFIC,
                            Scene.STREET_PEDESTRIAN,
                            Scene.PUBLIC_SQUARE,
                            Scene.PARK);
            case "chainsaw" -> Set.of(Scene.PARK, Scene.STREET_PEDESTRIAN);
            case "clock_tick" -> Set.of(Scene.BUS, Scene.TRAM, Scene.SHOPPING_MALL);
            case "person_sneeze", "sneezing", "coughing" ->
                    Set.of(
                            Scene.AIRPORT,
                            Scene.SHOPPING_MALL,
                            Scene.METRO_STATION,
                            Scene.BUS,
                            Scene.TRAM,
                            Scene.METRO);
            default -> Set.of();
        };
    }

    /** The clips that may be mixed into {@code scene}, in load order. */
    public List<EventClip> forScene(Scene scene) {
        return byScene.getOrDefault(scene, List.of());
    }

    /** How many clips of each usable class were loaded. */
    public Map<String, Integer> clipsPerClass() {
        return perClass;
    }

    /** True when nothing was loaded. */
    public boolean isEmpty() {
        return byScene.isEmpty();
    }
}
