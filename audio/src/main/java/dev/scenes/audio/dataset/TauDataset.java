package dev.scenes.audio.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset in the layout of TAU Urban Acoustic Scenes 2020 Mobile (development set): {@code
 * meta.csv} lists every clip, {@code evaluation_setup/foldK_{train,evaluate,test}.csv} list the
 * clips of each fold. Works unchanged on the real TAU folder, on the ESC-10 folder laid out the
 * same way, and on what {@link TauLayoutWriter} writes.
 *
 * <pre>{@code
 * TauDataset data = TauDataset.open(Path.of("TAU-urban-acoustic-scenes-2020-mobile-development"));
 * List<Clip> train = data.split(1, Split.TRAIN);
 * }</pre>
 *
 * <p>{@code meta.csv} is read once at {@link #open}; fold files are read on each {@link #split}
 * call. Every problem is a {@link TauFormatException} naming the file and line. Immutable.
 */
public final class TauDataset {

    /** The header of {@code meta.csv}. */
    public static final String META_HEADER = "filename\tscene_label\tidentifier\tsource_label";

    /** The folder holding the fold files. */
    public static final String SETUP_FOLDER = "evaluation_setup";

    private static final Pattern FOLD_FILE =
            Pattern.compile("fold(\\d+)_(train|evaluate|test)\\.csv");

    private final Path root;
    private final Map<String, Clip> byFilename;

    private TauDataset(Path root, Map<String, Clip> byFilename) {
        this.root = root;
        this.byFilename = byFilename;
    }

    /**
     * Reads {@code root/meta.csv}.
     *
     * @throws TauFormatException if the folder or {@code meta.csv} is missing, its header is not
     *     {@value #META_HEADER}, a line has the wrong number of fields, or a filename repeats
     */
    public static TauDataset open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new TauFormatException(
                    root + ": not a directory; give the dataset root that holds meta.csv");
        }
        Path meta = root.resolve("meta.csv");
        Map<String, Clip> clips = new LinkedHashMap<>();
        for (TsvFile.Row row : TsvFile.read(meta, META_HEADER)) {
            String[] f = row.fields();
            Clip clip = Clip.in(root, f[0], f[1], f[2], f[3]);
            if (clips.putIfAbsent(clip.filename(), clip) != null) {
                throw new TauFormatException(
                        meta + " line " + row.line() + ": " + f[0] + " is listed twice");
            }
        }
        return new TauDataset(root, Collections.unmodifiableMap(clips));
    }

    /** The dataset root. */
    public Path root() {
        return root;
    }

    /** Every clip of {@code meta.csv}, in file order. */
    public List<Clip> clips() {
        return List.copyOf(byFilename.values());
    }

    /** The clip {@code meta.csv} lists under {@code filename}, or null. */
    public Clip clip(String filename) {
        return byFilename.get(filename);
    }

    /** The scene labels of {@code meta.csv}, sorted. */
    public List<String> labels() {
        return List.copyOf(counts(Clip::scene).keySet());
    }

    /** How many clips each scene has, by label. */
    public SortedMap<String, Integer> countsByScene() {
        return counts(Clip::scene);
    }

    /** How many clips each source (device) has, by source label. */
    public SortedMap<String, Integer> countsBySource() {
        return counts(Clip::source);
    }

    /** Clip counts per source label and scene label, both sorted. */
    public SortedMap<String, SortedMap<String, Integer>> countsBySourceAndScene() {
        SortedMap<String, SortedMap<String, Integer>> counts = new TreeMap<>();
        for (Clip c : byFilename.values()) {
            counts.computeIfAbsent(c.source(), s -> new TreeMap<>())
                    .merge(c.scene(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The fold numbers that have a fold file in {@code evaluation_setup/}, ascending; empty if the
     * folder is absent.
     */
    public List<Integer> folds() throws IOException {
        Path setup = root.resolve(SETUP_FOLDER);
        SortedSet<Integer> folds = new TreeSet<>();
        if (!Files.isDirectory(setup)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(setup, "fold*_*.csv")) {
            for (Path file : files) {
                Matcher m = FOLD_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    folds.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return List.copyOf(folds);
    }

    /** Whether {@code evaluation_setup/} has the file of this split of {@code fold}. */
    public boolean hasSplit(int fold, Split split) {
        return Files.isRegularFile(root.resolve(SETUP_FOLDER).resolve(split.fileName(fold)));
    }

    /**
     * The clips of one split of one fold, in the file's order, with their metadata from {@code
     * meta.csv}.
     *
     * @throws TauFormatException if the fold file is missing or malformed, names a file that {@code
     *     meta.csv} does not list, or gives it another scene label
     */
    public List<Clip> split(int fold, Split split) throws IOException {
        Path file = root.resolve(SETUP_FOLDER).resolve(split.fileName(fold));
        if (!Files.isRegularFile(file)) {
            throw new TauFormatException(file + ": not found; folds with files here: " + folds());
        }
        List<Clip> clips = new ArrayList<>();
        for (TsvFile.Row row : TsvFile.read(file, split.header())) {
            String[] f = row.fields();
            Clip clip = byFilename.get(f[0]);
            if (clip == null) {
                throw new TauFormatException(
                        file
                                + " line "
                                + row.line()
                                + ": "
                                + f[0]
                                + " is not listed in meta.csv; regenerate the fold files or"
                                + " meta.csv");
            }
            if (split.labelled() && !clip.scene().equals(f[1])) {
                throw new TauFormatException(
                        file
                                + " line "
                                + row.line()
                                + ": "
                                + f[0]
                                + " has scene_label "
                                + f[1]
                                + " but meta.csv says "
                                + clip.scene());
            }
            clips.add(clip);
        }
        return List.copyOf(clips);
    }

    private SortedMap<String, Integer> counts(Function<Clip, String> key) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (Clip c : byFilename.values()) {
            counts.merge(key.apply(c), 1, Integer::sum);
        }
        return counts;
    }
}
