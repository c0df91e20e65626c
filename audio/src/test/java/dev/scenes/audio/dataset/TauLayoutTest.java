package dev.scenes.audio.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenes.audio.decode.AudioDecodeException;
import dev.scenes.audio.encode.WavSampleFormat;
import dev.scenes.audio.encode.WavWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny synthetic dataset written with {@link TauLayoutWriter}, read back, and broken on purpose.
 */
class TauLayoutTest {

    @TempDir Path root;

    private static final int RATE = 16_000;

    /** 2 scenes x 2 locations x devices a, b: 8 clips of 0.05 s, each a different constant. */
    private List<Clip> writeClips() throws IOException {
        Files.createDirectories(root.resolve("audio"));
        WavWriter wav = new WavWriter(WavSampleFormat.PCM_16, RATE);
        List<Clip> clips = new ArrayList<>();
        int k = 0;
        for (String scene : List.of("park", "airport")) {
            for (String location : List.of("lisbon-1", "vienna-2")) {
                for (String device : List.of("a", "b")) {
                    String name =
                            "audio/" + scene + "-" + location + "-" + (100 * k) + "-" + device
                                    + ".wav";
                    float[] samples = new float[RATE / 20];
                    java.util.Arrays.fill(samples, (k + 1) / 16f);
                    wav.write(root.resolve(name), samples);
                    clips.add(Clip.in(root, name, scene, location, device));
                    k++;
                }
            }
        }
        return clips;
    }

    private static List<String> names(List<Clip> clips, String location) {
        return clips.stream()
                .filter(c -> c.identifier().equals(location))
                .map(Clip::filename)
                .toList();
    }

    @Test
    void writtenLayoutReadsBackIdentically() throws IOException {
        List<Clip> clips = writeClips();
        FoldSplit fold =
                new FoldSplit(
                        1,
                        names(clips, "lisbon-1"),
                        names(clips, "vienna-2"),
                        names(clips, "vienna-2"));
        TauLayoutWriter.write(root, clips, List.of(fold));

        TauDataset data = TauDataset.open(root);
        List<Clip> sorted = clips.stream().sorted(Comparator.comparing(Clip::filename)).toList();
        assertThat(data.clips()).containsExactlyElementsOf(sorted);
        assertThat(data.folds()).containsExactly(1);
        assertThat(data.split(1, Split.TRAIN))
                .containsExactlyInAnyOrderElementsOf(filter(clips, "lisbon-1"));
        assertThat(data.split(1, Split.EVALUATE))
                .containsExactlyInAnyOrderElementsOf(filter(clips, "vienna-2"));
        assertThat(data.split(1, Split.TEST)).isEqualTo(data.split(1, Split.EVALUATE));
        assertThat(data.labels()).containsExactly("airport", "park");
        assertThat(data.countsBySource()).isEqualTo(Map.of("a", 4, "b", 4));
        assertThat(data.countsBySourceAndScene().get("b"))
                .isEqualTo(Map.of("airport", 2, "park", 2));

        for (Clip clip : data.clips()) {
            ClipAudio audio = ClipLoader.load(clip, RATE);
            int k = clips.indexOf(clip);
            assertThat(audio.samples()).hasSize(RATE / 20).containsOnly((k + 1) / 16f);
        }
    }

    private static List<Clip> filter(List<Clip> clips, String location) {
        return clips.stream().filter(c -> c.identifier().equals(location)).toList();
    }

    @Test
    void writerUsesExactHeadersTabsAndSortedRows() throws IOException {
        Clip b = Clip.in(root, "audio/b.wav", "park", "x-1", "s1");
        Clip a = Clip.in(root, "audio/a.wav", "tram", "y-2", "a");
        TauLayoutWriter.write(
                root,
                List.of(b, a),
                List.of(
                        new FoldSplit(
                                2, List.of("audio/b.wav", "audio/a.wav"), List.of(), List.of())));

        assertThat(Files.readString(root.resolve("meta.csv"), StandardCharsets.UTF_8))
                .isEqualTo(
                        "filename\tscene_label\tidentifier\tsource_label\n"
                                + "audio/a.wav\ttram\ty-2\ta\n"
                                + "audio/b.wav\tpark\tx-1\ts1\n");
        Path setup = root.resolve("evaluation_setup");
        assertThat(Files.readString(setup.resolve("fold2_train.csv")))
                .isEqualTo("filename\tscene_label\naudio/a.wav\ttram\naudio/b.wav\tpark\n");
        assertThat(Files.readString(setup.resolve("fold2_evaluate.csv")))
                .isEqualTo("filename\tscene_label\n");
        assertThat(setup.resolve("fold2_test.csv")).doesNotExist();
    }

    @Test
    void writerRejectsAFoldFileThatIsNotAmongTheClips() {
        Clip a = Clip.in(root, "audio/a.wav", "tram", "y-2", "a");
        assertThatThrownBy(
                        () ->
                                TauLayoutWriter.write(
                                        root,
                                        List.of(a),
                                        List.of(
                                                new FoldSplit(
                                                        1,
                                                        List.of("audio/ghost.wav"),
                                                        List.of(),
                                                        List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "fold 1 train lists audio/ghost.wav, which is not among the clips; add it"
                                + " to the clip list");
    }

    @Test
    void missingMetaCsvIsNamedWithWhatToCheck() {
        assertThatThrownBy(() -> TauDataset.open(root))
                .isInstanceOf(TauFormatException.class)
                .hasMessage(
                        root.resolve("meta.csv")
                                + ": not found; is this the root of a TAU dataset?");
    }

    @Test
    void wrongHeaderNamesTheExpectedColumns() throws IOException {
        Files.writeString(root.resolve("meta.csv"), "file\tscene\naudio/a.wav\tpark\n");
        assertThatThrownBy(() -> TauDataset.open(root))
                .isInstanceOf(TauFormatException.class)
                .hasMessage(
                        root.resolve("meta.csv")
                                + ": header is 'file<TAB>scene'; expected"
                                + " 'filename<TAB>scene_label<TAB>identifier<TAB>source_label'"
                                + " (tab-separated)");
    }

    @Test
    void lineWithWrongFieldCountNamesFileAndLine() throws IOException {
        Files.writeString(
                root.resolve("meta.csv"),
                TauDataset.META_HEADER + "\naudio/a.wav\tpark\tx\ta\naudio/b.wav park x a\n");
        assertThatThrownBy(() -> TauDataset.open(root))
                .isInstanceOf(TauFormatException.class)
                .hasMessage(
                        root.resolve("meta.csv")
                                + " line 3: 1 tab-separated fields; expected 4"
                                + " (filename<TAB>scene_label<TAB>identifier<TAB>source_label)");
    }

    @Test
    void windowsLineEndingsAndTrailingBlankLinesRead() throws IOException {
        Files.writeString(
                root.resolve("meta.csv"),
                TauDataset.META_HEADER + "\r\naudio/a.wav\tpark\tx\ta\r\n\r\n");
        assertThat(TauDataset.open(root).clips())
                .containsExactly(Clip.in(root, "audio/a.wav", "park", "x", "a"));
    }

    @Test
    void foldRowNotInMetaIsAnErrorNamingTheFile() throws IOException {
        TauLayoutWriter.write(
                root, List.of(Clip.in(root, "audio/a.wav", "park", "x", "a")), List.of());
        Path train = root.resolve("evaluation_setup/fold1_train.csv");
        Files.writeString(
                train, "filename\tscene_label\naudio/a.wav\tpark\naudio/ghost.wav\tpark\n");
        TauDataset data = TauDataset.open(root);

        assertThatThrownBy(() -> data.split(1, Split.TRAIN))
                .isInstanceOf(TauFormatException.class)
                .hasMessage(
                        train
                                + " line 3: audio/ghost.wav is not listed in meta.csv; regenerate"
                                + " the fold files or meta.csv");
    }

    @Test
    void foldRowWithAnotherSceneThanMetaIsAnError() throws IOException {
        TauLayoutWriter.write(
                root, List.of(Clip.in(root, "audio/a.wav", "park", "x", "a")), List.of());
        Path evaluate = root.resolve("evaluation_setup/fold1_evaluate.csv");
        Files.writeString(evaluate, "filename\tscene_label\naudio/a.wav\tbus\n");

        assertThatThrownBy(() -> TauDataset.open(root).split(1, Split.EVALUATE))
                .hasMessage(
                        evaluate
                                + " line 2: audio/a.wav has scene_label bus but meta.csv says park");
    }

    @Test
    void duplicateMetaRowIsAnError() throws IOException {
        Files.writeString(
                root.resolve("meta.csv"),
                TauDataset.META_HEADER + "\naudio/a.wav\tpark\tx\ta\naudio/a.wav\tbus\tx\ta\n");
        assertThatThrownBy(() -> TauDataset.open(root))
                .hasMessage(root.resolve("meta.csv") + " line 3: audio/a.wav is listed twice");
    }

    @Test
    void lenientLoadSkipsAndCountsMissingFilesWhileStrictLoadFails() throws IOException {
        List<Clip> clips = writeClips();
        Files.delete(clips.get(2).path());
        List<ClipAudio> loaded = new ArrayList<>();

        LoadReport report = ClipLoader.loadAll(clips, RATE, ClipLoader.OnError.SKIP, loaded::add);

        assertThat(report.loaded()).isEqualTo(7).isEqualTo(loaded.size());
        assertThat(report.skippedCount()).isEqualTo(1);
        assertThat(report.skipped().get(0).clip()).isEqualTo(clips.get(2));
        assertThat(report.skipped().get(0).reason())
                .isEqualTo(clips.get(2).path() + ": no such file");
        assertThat(report.summary())
                .isEqualTo(
                        "loaded 7 clips, skipped 1 (first: "
                                + clips.get(2).path()
                                + ": no such file)");
        assertThatThrownBy(() -> ClipLoader.loadAll(clips, RATE, ClipLoader.OnError.FAIL, a -> {}))
                .isInstanceOf(AudioDecodeException.class)
                .hasMessage(clips.get(2).path() + ": no such file");
    }
}
