package dev.scenes.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scenes.audio.dataset.Clip;
import dev.scenes.trainer.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandStatisticsTest {

    private static final int MELS = 4;
    private static final int FRAMES = 50;

    @TempDir Path dir;

    @Test
    void statisticsEqualATwoPassComputationOverEveryFrameOfEveryClip() throws Exception {
        Random r = new Random(3);
        List<Clip> clips = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Path f = Files.writeString(dir.resolve("c" + i + ".wav"), "x" + i);
            clips.add(Clip.in(dir, f.getFileName().toString(), "s", "l" + i, "a"));
            float[] x = new float[MELS * FRAMES];
            for (int m = 0; m < MELS; m++) {
                for (int t = 0; t < FRAMES; t++) {
                    // Band m: mean -10 + 3m, deviation 1 + m; band 3 constant.
                    x[m * FRAMES + t] =
                            m == 3 ? -5f : (float) (-10 + 3 * m + (1 + m) * r.nextGaussian());
                }
            }
            values.add(x);
        }
        FeatureSet set = featureSet(clips, values, "cache");

        Layer.BandNorm norm = BandStatistics.of(set, MELS);

        for (int m = 0; m < MELS; m++) {
            double mean = 0;
            for (float[] x : values) {
                for (int t = 0; t < FRAMES; t++) {
                    mean += x[m * FRAMES + t];
                }
            }
            mean /= values.size() * FRAMES;
            double var = 0;
            for (float[] x : values) {
                for (int t = 0; t < FRAMES; t++) {
                    var += Math.pow(x[m * FRAMES + t] - mean, 2);
                }
            }
            double std = Math.sqrt(var / (values.size() * FRAMES));
            assertThat((double) norm.mean()[m]).isCloseTo(mean, within(1e-4));
            assertThat((double) norm.std()[m])
                    .isCloseTo(Math.max(std, BandStatistics.MIN_STD), within(1e-4));
        }
        assertThat(norm.std()[3])
                .as("a constant band gets the floor")
                .isEqualTo(BandStatistics.MIN_STD);
        assertThat(norm.floor()).isEqualTo(BandStatistics.NORMALISED_FLOOR);
    }

    @Test
    void digitalSilenceIsLeftOutOfTheStatisticsAndABandOfOnlySilenceFallsBackToAllValues()
            throws Exception {
        Random r = new Random(5);
        float silence = (float) Math.log(2.220446e-16);
        List<Clip> clips = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path f = Files.writeString(dir.resolve("s" + i + ".wav"), "s" + i);
            clips.add(Clip.in(dir, f.getFileName().toString(), "s", "l" + i, "a"));
            float[] x = new float[MELS * FRAMES];
            for (int m = 0; m < MELS; m++) {
                for (int t = 0; t < FRAMES; t++) {
                    // Bands 0-2: sound of mean -8, deviation 2, with clips 0-2 padded by exact
                    // zeros in their last 20 frames; band 3: silence throughout.
                    boolean padded = i < 3 && t >= FRAMES - 20;
                    x[m * FRAMES + t] =
                            m == 3 || padded ? silence : (float) (-8 + 2 * r.nextGaussian());
                }
            }
            values.add(x);
        }
        FeatureSet set = featureSet(clips, values, "cache-silence");

        Layer.BandNorm norm = BandStatistics.of(set, MELS);

        for (int m = 0; m < 3; m++) {
            double s = 0;
            double s2 = 0;
            int n = 0;
            for (float[] x : values) {
                for (int t = 0; t < FRAMES; t++) {
                    float v = x[m * FRAMES + t];
                    if (v != silence) {
                        s += v;
                        s2 += v * v;
                        n++;
                    }
                }
            }
            double mean = s / n;
            assertThat(n).isEqualTo(6 * FRAMES - 3 * 20);
            assertThat((double) norm.mean()[m]).isCloseTo(mean, within(1e-4));
            assertThat((double) norm.std()[m])
                    .isCloseTo(Math.sqrt(s2 / n - mean * mean), within(1e-4));
            assertThat(norm.std()[m]).as("sound only: about 2, not inflated").isBetween(1.7f, 2.3f);
        }
        assertThat(norm.mean()[3]).isCloseTo(silence, within(1e-4f));
        assertThat(norm.std()[3]).isEqualTo(BandStatistics.MIN_STD);
        // Silence normalises to about (-36 + 8) / 2 = -14 and is clamped to the floor.
        assertThat((silence - norm.mean()[0]) / norm.std()[0]).isLessThan(norm.floor());
    }

    private FeatureSet featureSet(List<Clip> clips, List<float[]> values, String cache)
            throws Exception {
        FeatureExtractor ex =
                new FeatureExtractor() {
                    @Override
                    public float[] extract(Clip clip) {
                        return values.get(Integer.parseInt(clip.identifier().substring(1)));
                    }

                    @Override
                    public String fingerprint() {
                        return "test";
                    }

                    @Override
                    public int valuesPerInput() {
                        return MELS * FRAMES;
                    }
                };
        return FeatureCache.open(dir.resolve(cache)).load(clips, ex, 2, () -> {});
    }
}
