package dev.scenes.audio.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the csv files of a TAU-layout dataset: {@code meta.csv} and {@code
 * evaluation_setup/foldK_{train,evaluate,test}.csv}, with exactly the headers and tab separators
 * that {@link TauDataset} reads, so that writer and reader agree by construction. The audio files
 * themselves are the caller's to write (e.g. with {@code WavWriter}).
 *
 * <p>Rows are sorted by filename and lines end in {@code \n}, so the same clips and folds always
 * give the same bytes. A test file is written only for a fold whose test list is not empty.
 */
public final class TauLayoutWriter {

    private TauLayoutWriter() {}

    /**
     * Writes {@code meta.csv} for {@code clips} and the fold files for {@code folds} under {@code
     * root}, creating folders as needed and replacing existing files.
     *
     * @throws IllegalArgumentException if a filename repeats, a field is empty or holds a tab or
     *     line break, or a fold names a file that is not among {@code clips}
     */
    public static void write(Path root, List<Clip> clips, List<FoldSplit> folds)
            throws IOException {
        Objects.requireNonNull(root, "root");
        Map<String, Clip> byName = new HashMap<>();
        for (Clip c : clips) {
            for (String field : List.of(c.filename(), c.scene(), c.identifier(), c.source())) {
                checkField(c.filename(), field);
            }
            if (byName.putIfAbsent(c.filename(), c) != null) {
                throw new IllegalArgumentException(
                        "clip " + c.filename() + " is given twice; filenames must be unique");
            }
        }
        Set<Integer> foldNumbers = new HashSet<>();
        for (FoldSplit fold : folds) {
            if (!foldNumbers.add(fold.fold())) {
                throw new IllegalArgumentException(
                        "fold " + fold.fold() + " is given twice; fold numbers must be unique");
            }
            for (Split split : Split.values()) {
                for (String name : fold.files(split)) {
                    if (!byName.containsKey(name)) {
                        throw new IllegalArgumentException(
                                "fold "
                                        + fold.fold()
                                        + " "
                                        + split.name().toLowerCase(java.util.Locale.ROOT)
                                        + " lists "
                                        + name
                                        + ", which is not among the clips; add it to the clip"
                                        + " list");
                    }
                }
            }
        }

        Files.createDirectories(root);
        StringBuilder meta = new StringBuilder(TauDataset.META_HEADER).append('\n');
        clips.stream()
                .sorted(Comparator.comparing(Clip::filename))
                .forEach(
                        c ->
                                meta.append(c.filename())
                                        .append('\t')
                                        .append(c.scene())
                                        .append('\t')
                                        .append(c.identifier())
                                        .append('\t')
                                        .append(c.source())
                                        .append('\n'));
        Files.writeString(root.resolve("meta.csv"), meta, StandardCharsets.UTF_8);

        Path setup = root.resolve(TauDataset.SETUP_FOLDER);
        Files.createDirectories(setup);
        for (FoldSplit fold : folds) {
            for (Split split : Split.values()) {
                List<String> names = fold.files(split);
                if (split == Split.TEST && names.isEmpty()) {
                    continue;
                }
                StringBuilder out = new StringBuilder(split.header()).append('\n');
                names.stream()
                        .sorted()
                        .forEach(
                                name -> {
                                    out.append(name);
                                    if (split.labelled()) {
                                        out.append('\t').append(byName.get(name).scene());
                                    }
                                    out.append('\n');
                                });
                Files.writeString(
                        setup.resolve(split.fileName(fold.fold())), out, StandardCharsets.UTF_8);
            }
        }
    }

    private static void checkField(String filename, String field) {
        if (field.isEmpty()
                || field.indexOf('\t') >= 0
                || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    "clip "
                            + filename
                            + " has field '"
                            + field
                            + "'; fields must be non-empty and hold no tab or line break");
        }
    }
}
