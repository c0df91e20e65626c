package dev.scenes.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scenes.audio.dataset.Clip;
import dev.scenes.trainer.data.FeatureCache;
import dev.scenes.trainer.data.FeatureExtractor;
import dev.scenes.trainer.data.FeatureSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceVariantsTest {

    private static final int VALUES = 4;

    @TempDir Path dir;

    /**
     * Value k of clip "clipN" rendered as variant v (-1 = the recording) is N * 100 + v * 10 + k.
     */
    private static final class Encoding implements FeatureExtractor {
        final int variant;
        final AtomicInteger calls;

        Encoding(int variant, AtomicInteger calls) {
            this.variant = variant;
            this.calls = calls;
        }

        @Override
        public float[] extract(Clip clip) {
            calls.incrementAndGet();
            int n = Integer.parseInt(clip.filename().replaceAll("\\D", ""));
            float[] x = new float[VALUES];
            for (int k = 0; k < VALUES; k++) {
                x[k] = n * 100 + variant * 10 + k;
            }
            return x;
        }

        @Override
        public String fingerprint() {
            return "encoding;variant=" + variant;
        }

        @Override
        public int valuesPerInput() {
            return VALUES;
        }

        @Override
        public FeatureExtractor deviceVariant(long seed, int v) {
            return new Encoding(v, calls);
        }
    }

    private FeatureSet clips(FeatureCache cache, Encoding recording, String... sources)
            throws Exception {
        Path audio = Files.createDirectories(dir.resolve("data"));
        List<Clip> out = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            Files.writeString(audio.resolve("clip" + i + ".wav"), "audio " + i);
            out.add(Clip.in(audio, "clip" + i + ".wav", "s", "loc" + i, sources[i]));
        }
        return cache.load(out, recording, 1, () -> {});
    }

    private static int clipOf(float[] x) {
        return (int) Math.floor(x[0] / 100);
    }

    private static int variantOf(float[] x) {
        return (int) Math.round((x[0] % 100) / 10);
    }

    @Test
    void onlyDeviceAClipsAreReplacedAndOnlyByTheirOwnRenderings() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FeatureCache cache = FeatureCache.open(dir.resolve("cache"));
        FeatureSet train = clips(cache, new Encoding(-1, calls), "a", "b", "a", "s1", "a");
        DeviceVariants variants =
                DeviceVariants.load(1.0, 3, 42, train, new Encoding(-1, calls), cache, 1);
        assertThat(variants.count()).isEqualTo(3);
        assertThat(calls).as("5 recordings + 3 renderings of the 3 device-a clips").hasValue(14);
        Random random = new Random(1);
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            for (int k = 0; k < train.size(); k++) {
                float[] dst = new float[VALUES * 2];
                boolean replaced = variants.substitute(k, random, dst, VALUES);
                String source = train.clip(k).source();
                assertThat(replaced).as("clip %d from %s", k, source).isEqualTo(source.equals("a"));
                if (replaced) {
                    float[] x = java.util.Arrays.copyOfRange(dst, VALUES, 2 * VALUES);
                    assertThat(clipOf(x)).isEqualTo(k);
                    seen.add(variantOf(x));
                    assertThat(dst[0]).as("nothing written before the offset").isZero();
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void withoutDeviceLabelsEveryClipIsEligibleAtTheGivenProbability() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FeatureCache cache = FeatureCache.open(dir.resolve("cache"));
        FeatureSet train = clips(cache, new Encoding(-1, calls), "freesound", "freesound");
        DeviceVariants variants =
                DeviceVariants.load(0.3, 2, 42, train, new Encoding(-1, calls), cache, 1);
        Random random = new Random(2);
        int replaced = 0;
        int tries = 20_000;
        for (int i = 0; i < tries; i++) {
            replaced += variants.substitute(i % 2, random, new float[VALUES], 0) ? 1 : 0;
        }
        // Binomial standard deviation 0.0032; 0.015 is almost five of them.
        assertThat(replaced / (double) tries).isCloseTo(0.3, within(0.015));
    }

    @Test
    void probabilityOrCountZeroRendersNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FeatureCache cache = FeatureCache.open(dir.resolve("cache"));
        FeatureSet train = clips(cache, new Encoding(-1, calls), "a", "a");
        calls.set(0);
        assertThat(DeviceVariants.load(0, 4, 42, train, new Encoding(-1, calls), cache, 1))
                .isSameAs(DeviceVariants.NONE);
        assertThat(DeviceVariants.load(0.5, 0, 42, train, new Encoding(-1, calls), cache, 1))
                .isSameAs(DeviceVariants.NONE);
        assertThat(calls).hasValue(0);
        assertThat(DeviceVariants.NONE.substitute(0, new Random(), new float[VALUES], 0)).isFalse();
    }
}
