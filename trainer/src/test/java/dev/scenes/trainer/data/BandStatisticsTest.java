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
        FeatureSet set = FeatureCache.open(dir.resolve("cache")).load(clips, ex, 2, () -> {});

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
    }
}
