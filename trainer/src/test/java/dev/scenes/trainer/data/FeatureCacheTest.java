package dev.scenes.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenes.audio.dataset.Clip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir Path dir;

    /** Deterministic fake features: value k of clip "clipN" is N * 1000 + k. */
    static class FakeExtractor implements FeatureExtractor {
        final AtomicInteger calls = new AtomicInteger();
        final String fingerprint;

        FakeExtractor(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public float[] extract(Clip clip) {
            calls.incrementAndGet();
            int n = Integer.parseInt(clip.filename().replaceAll("\\D", ""));
            float[] x = new float[valuesPerInput()];
            for (int k = 0; k < x.length; k++) {
                x[k] = n * 1000 + k;
            }
            return x;
        }

        float[] extractQuietly(Clip clip) {
            float[] x = extract(clip);
            calls.decrementAndGet();
            return x;
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public int valuesPerInput() {
            return 12;
        }
    }

    private List<Clip> clips(int n) throws Exception {
        Path audio = Files.createDirectories(dir.resolve("data"));
        List<Clip> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Files.writeString(audio.resolve("clip" + i + ".wav"), "audio " + i);
            out.add(Clip.in(audio, "clip" + i + ".wav", "s" + (i % 3), "loc" + i, "a"));
        }
        return out;
    }

    @Test
    void inputsRoundTripAndAreNotRecomputedByALaterRun() throws Exception {
        List<Clip> clips = clips(7);
        FakeExtractor ex = new FakeExtractor("f1");
        FeatureSet first = FeatureCache.open(dir.resolve("cache")).load(clips, ex, 2, () -> {});
        assertThat(ex.calls).hasValue(7);

        FeatureSet again = FeatureCache.open(dir.resolve("cache")).load(clips, ex, 2, () -> {});
        assertThat(ex.calls).as("a second run reads the cache").hasValue(7);
        for (int i = 0; i < clips.size(); i++) {
            assertThat(again.input(i)).containsExactly(ex.extractQuietly(clips.get(i)));
            assertThat(first.input(i)).containsExactly(again.input(i));
        }
        assertThat(Files.list(dir.resolve("cache")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith(".f32"))
                .anyMatch(n -> n.endsWith(".idx"))
                .noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void aChangedFileOrFrontendIsAMiss() throws Exception {
        List<Clip> clips = clips(3);
        FakeExtractor ex = new FakeExtractor("f1");
        FeatureCache cache = FeatureCache.open(dir.resolve("cache"));
        cache.load(clips, ex, 1, () -> {});
        Files.setLastModifiedTime(
                clips.get(1).path(), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        cache.load(clips, ex, 1, () -> {});
        assertThat(ex.calls).as("only the touched clip is recomputed").hasValue(4);

        FakeExtractor other = new FakeExtractor("f2");
        cache.load(clips, other, 1, () -> {});
        assertThat(other.calls).as("another frontend fingerprint misses").hasValue(3);
    }

    @Test
    void aFailingClipIsNamed() throws Exception {
        List<Clip> clips = clips(2);
        FeatureExtractor broken =
                new FakeExtractor("f1") {
                    @Override
                    public float[] extract(Clip clip) {
                        throw new IllegalArgumentException("not an audio file");
                    }
                };
        assertThatThrownBy(
                        () -> FeatureCache.open(dir.resolve("c")).load(clips, broken, 2, () -> {}))
                .hasMessageContaining("clip0.wav")
                .hasMessageContaining("not an audio file");
    }
}
