package dev.scenes.audio.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.audio.dataset.Clip;
import dev.scenes.audio.dataset.Split;
import dev.scenes.audio.dataset.TauDataset;
import dev.scenes.audio.decode.AudioDecoder;
import dev.scenes.audio.decode.DecodedAudio;
import dev.scenes.audio.device.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny dataset (2 segments per scene) in the TAU 2020 Mobile layout, generated twice. */
class DatasetGeneratorTest {

    @TempDir static Path tmp;

    private static Path first;
    private static Path second;
    private static DatasetSummary summary;
    private static final StringWriter progress = new StringWriter();

    @BeforeAll
    static void generateTwiceWithDifferentThreadCounts() throws IOException {
        DatasetSpec spec = DatasetSpec.defaults(2, 77);
        first = tmp.resolve("first");
        second = tmp.resolve("second");
        summary =
                new DatasetGenerator(spec.withThreads(2), EventLibrary.empty())
                        .generate(first, new PrintWriter(progress, true));
        new DatasetGenerator(spec.withThreads(1), EventLibrary.empty())
                .generate(second, new PrintWriter(new StringWriter(), true));
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount() throws IOException {
        List<Path> files = files(first);
        assertThat(files).hasSize(summary.clips() + 4);
        for (Path f : files) {
            Path twin = second.resolve(first.relativize(f));
            assertThat(Files.mismatch(f, twin)).as(f.toString()).isEqualTo(-1L);
        }
        assertThat(files(second)).hasSameSizeAs(files);
    }

    @Test
    void filesFollowTheTauNamingAndCsvFilesHaveTauHeaders() throws IOException {
        for (Path f : files(first.resolve("audio"))) {
            assertThat(f.getFileName().toString())
                    .matches(
                            "(airport|shopping_mall|metro_station|street_pedestrian|public_square"
                                    + "|street_traffic|tram|bus|metro|park)-[a-z]+-\\d+-\\d+"
                                    + "-(a|b|c|s[1-6])\\.wav");
        }
        assertThat(firstLine(first.resolve("meta.csv")))
                .isEqualTo("filename\tscene_label\tidentifier\tsource_label");
        Path setup = first.resolve("evaluation_setup");
        assertThat(firstLine(setup.resolve("fold1_train.csv"))).isEqualTo("filename\tscene_label");
        assertThat(firstLine(setup.resolve("fold1_evaluate.csv")))
                .isEqualTo("filename\tscene_label");
        assertThat(firstLine(setup.resolve("fold1_test.csv"))).isEqualTo("filename");
    }

    @Test
    void splitsAreDisjointByLocationAndUnseenDevicesAreOnlyEvaluated() throws IOException {
        TauDataset dataset = TauDataset.open(first);
        List<Clip> train = dataset.split(1, Split.TRAIN);
        List<Clip> evaluate = dataset.split(1, Split.EVALUATE);
        List<Clip> test = dataset.split(1, Split.TEST);

        Set<String> trainLocations =
                train.stream().map(Clip::identifier).collect(Collectors.toSet());
        Set<String> evaluateLocations =
                evaluate.stream().map(Clip::identifier).collect(Collectors.toSet());
        assertThat(trainLocations).doesNotContainAnyElementsOf(evaluateLocations);
        assertThat(train.size() + evaluate.size()).isEqualTo(dataset.clips().size());
        assertThat(test.stream().map(Clip::filename))
                .containsExactlyInAnyOrderElementsOf(
                        evaluate.stream().map(Clip::filename).toList());

        assertThat(train.stream().map(Clip::source)).doesNotContain("s4", "s5", "s6");
        assertThat(train.stream().map(Clip::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("a", "b", "c", "s1", "s2", "s3");
        Map<String, Long> perDevice = new TreeMap<>();
        evaluate.forEach(c -> perDevice.merge(c.source(), 1L, Long::sum));
        assertThat(perDevice.keySet()).hasSize(Device.values().length);
        assertThat(Set.copyOf(perDevice.values())).as("equal per device").hasSize(1);
        assertThat(train.stream().filter(c -> c.source().equals("a")).count())
                .as("device a dominates training")
                .isGreaterThanOrEqualTo(train.stream().filter(c -> c.source().equals("b")).count());
        assertThat(summary.evaluateClipsPerDevice()).containsEntry("s4", 10);
        assertThat(progress.toString()).contains("20/20 segments (100 %)");
    }

    @Test
    void everyListedFileDecodesToTenSecondsAt44100Hz() throws IOException {
        TauDataset dataset = TauDataset.open(first);
        assertThat(dataset.clips()).hasSize(summary.clips());
        for (Clip clip : dataset.clips()) {
            DecodedAudio audio = AudioDecoder.decode(clip.path());
            assertThat(audio.sampleRate()).as(clip.filename()).isEqualTo(44_100);
            assertThat(audio.samples()).as(clip.filename()).hasSize(441_000);
        }
    }

    @Test
    void simulatedDeviceClipsAreTheSameSegmentAsDeviceA() throws IOException {
        TauDataset dataset = TauDataset.open(first);
        Clip s5 =
                dataset.clips().stream()
                        .filter(c -> c.source().equals("s5"))
                        .findFirst()
                        .orElseThrow();
        String aName = s5.filename().replace("-s5.wav", "-a.wav");
        DecodedAudio a = AudioDecoder.decode(first.resolve(aName));
        DecodedAudio s = AudioDecoder.decode(s5.path());

        assertThat(a.sampleRate()).isEqualTo(44_100);
        assertThat(a.samples()).hasSize(441_000);
        assertThat(s.samples()).hasSize(441_000);
        assertThat(a.sourceFormat()).contains("16-bit");
        // The same scene heard through another device: correlated, not identical.
        assertThat(correlation(a.samples(), s.samples())).isBetween(0.2, 0.999);
    }

    private static double correlation(float[] x, float[] y) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
            yy += (double) y[i] * y[i];
        }
        return xy / Math.sqrt(xx * yy);
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).get(0);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
