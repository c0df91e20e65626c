package dev.scenes.audio.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.audio.device.Device;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sensor stream: chunk-size independence and the ground truth around scene changes. */
class SensorStreamTest {

    private static final int RATE = SceneRenderer.SAMPLE_RATE;

    /** Bus for 3 s, park for 3 s, airport for 3 s, repeating; 1 s cross-fades. */
    private static final List<Scene> CYCLE = List.of(Scene.BUS, Scene.PARK, Scene.AIRPORT);

    private static SensorStream stream() {
        return new SensorStream(
                SceneSchedule.cycling(CYCLE, 3),
                City.LYON,
                7,
                Device.B,
                42,
                SynthKnobs.defaults(),
                EventLibrary.empty(),
                1.0);
    }

    private static float[] readAll(SensorStream s, int total, int[] chunkSizes) {
        float[] out = new float[total];
        int done = 0;
        int k = 0;
        while (done < total) {
            int n = Math.min(chunkSizes[k++ % chunkSizes.length], total - done);
            assertThat(s.read(out, done, n)).isEqualTo(n);
            done += n;
        }
        return out;
    }

    @Test
    void outputIsBitIdenticalForAnyChunking() {
        int total = 7 * RATE;
        float[] whole = readAll(stream(), total, new int[] {total});
        float[] tenths = readAll(stream(), total, new int[] {4410});
        SplittableRandom random = new SplittableRandom(3);
        int[] ragged = random.ints(500, 1, 9000).toArray();
        float[] irregular = readAll(stream(), total, ragged);
        float[] tiny = readAll(stream(), RATE / 2, new int[] {1, 7, 31, 33});

        // Arrays.mismatch rather than containsExactly: AssertJ is slow on long arrays.
        assertThat(Arrays.mismatch(tenths, whole)).as("first differing sample").isEqualTo(-1);
        assertThat(Arrays.mismatch(irregular, whole)).as("first differing sample").isEqualTo(-1);
        assertThat(Arrays.mismatch(tiny, Arrays.copyOf(whole, RATE / 2)))
                .as("first differing sample")
                .isEqualTo(-1);
    }

    @Test
    void truthFollowsTheScheduleAndNamesTheDominantSceneDuringCrossFades() {
        SensorStream s = stream();
        long boundary = 3L * RATE;

        assertThat(s.sceneAt(boundary - 1)).isEqualTo(Scene.BUS);
        assertThat(s.sceneAt(boundary)).isEqualTo(Scene.PARK);
        assertThat(s.sceneAt(3 * boundary)).isEqualTo(Scene.BUS);

        ChunkTruth quiet = s.truth(RATE, 4410);
        assertThat(quiet).isEqualTo(new ChunkTruth(RATE, 4410, Scene.BUS, 1.0, false));

        ChunkTruth straddling = s.truth(boundary - 1000, 4000);
        assertThat(straddling.scene()).isEqualTo(Scene.PARK);
        assertThat(straddling.share()).isEqualTo(0.75);
        assertThat(straddling.crossfade()).isTrue();

        // Within the fade but before the boundary: still the outgoing scene, flagged as fading.
        ChunkTruth fadingOut = s.truth(boundary - RATE / 4, 1000);
        assertThat(fadingOut.scene()).isEqualTo(Scene.BUS);
        assertThat(fadingOut.crossfade()).isTrue();
    }

    @Test
    void crossFadeIsContinuousWhereOneSceneHandsOverToTheNext() {
        SensorStream s = stream();
        float[] x = readAll(s, 4 * RATE, new int[] {4410});
        long boundary = 3L * RATE;
        // RMS over 50 ms windows changes smoothly through the fade: no window is silent and no
        // step between neighbouring windows exceeds 12 dB.
        double previous = Double.NaN;
        for (long start = boundary - RATE / 2; start < boundary + RATE / 2; start += 2205) {
            double e = 0;
            for (long i = start; i < start + 2205; i++) {
                e += (double) x[(int) i] * x[(int) i];
            }
            double db = 10 * Math.log10(e / 2205);
            assertThat(db).isGreaterThan(-70);
            if (!Double.isNaN(previous)) {
                assertThat(Math.abs(db - previous)).isLessThan(12);
            }
            previous = db;
        }
    }

    @Test
    void randomScheduleIsReproducibleAndNeverRepeatsASceneBackToBack() {
        SceneSchedule a = SceneSchedule.random(9, 60, 180);
        SceneSchedule b = SceneSchedule.random(9, 60, 180);
        for (int e = 0; e < 50; e++) {
            assertThat(a.scene(e)).isEqualTo(b.scene(e));
            assertThat(a.start(e)).isEqualTo(b.start(e));
            if (e > 0) {
                assertThat(a.scene(e)).isNotEqualTo(a.scene(e - 1));
                long length = a.start(e) - a.start(e - 1);
                assertThat(length).isBetween(60L * RATE, 180L * RATE);
            }
        }
    }
}
