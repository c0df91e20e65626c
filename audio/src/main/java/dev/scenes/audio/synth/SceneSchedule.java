package dev.scenes.audio.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which scene a sensor hears when: an endless sequence of entries, each a scene held for a while
 * (minutes, typically), as a pure function of the sample position.
 *
 * <p>Entry {@code k} covers samples {@code [start(k), start(k + 1))}; {@link #sceneAt} is the
 * ground truth. The cross-fade a {@link SensorStream} applies around each boundary does not move
 * it: before the boundary the outgoing scene dominates, from it the incoming one. Entries of a
 * random schedule are generated lazily, so a schedule is not thread-safe.
 */
public final class SceneSchedule {

    private final List<Scene> cycle;
    private final Prng rng;
    private final long minSamples;
    private final long maxSamples;
    private long[] starts = new long[16];
    private Scene[] scenes = new Scene[16];
    private int count;

    private SceneSchedule(List<Scene> cycle, Prng rng, long minSamples, long maxSamples) {
        this.cycle = cycle;
        this.rng = rng;
        this.minSamples = minSamples;
        this.maxSamples = maxSamples;
        starts[0] = 0;
        scenes[0] =
                cycle != null ? cycle.get(0) : Scene.values()[rng.nextInt(Scene.values().length)];
        count = 1;
    }

    /** One scene forever. */
    public static SceneSchedule constant(Scene scene) {
        return cycling(List.of(Objects.requireNonNull(scene, "scene")), 3600);
    }

    /** The given scenes in turn, each for {@code secondsEach}, repeating. */
    public static SceneSchedule cycling(List<Scene> scenes, double secondsEach) {
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a cycling schedule needs at least one scene");
        }
        long samples = samples(secondsEach, "secondsEach");
        return new SceneSchedule(List.copyOf(scenes), null, samples, samples);
    }

    /**
     * Random scenes (never the same twice in a row), each held for a uniformly drawn {@code
     * minSeconds..maxSeconds}; the same seed gives the same schedule.
     */
    public static SceneSchedule random(long seed, double minSeconds, double maxSeconds) {
        long lo = samples(minSeconds, "minSeconds");
        long hi = samples(maxSeconds, "maxSeconds");
        if (hi < lo) {
            throw new IllegalArgumentException(
                    "maxSeconds " + maxSeconds + " is below minSeconds " + minSeconds);
        }
        return new SceneSchedule(null, new Prng(Prng.mix(seed, 0x5CEDL)), lo, hi);
    }

    private static long samples(double seconds, String name) {
        if (!(seconds >= 1) || seconds > 1e7) {
            throw new IllegalArgumentException(
                    name + " is " + seconds + " s; expected 1..10000000 seconds");
        }
        return Math.round(seconds * SceneRenderer.SAMPLE_RATE);
    }

    private void extendTo(long position) {
        while (starts[count - 1] <= position) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                scenes = Arrays.copyOf(scenes, count * 2);
            }
            long length =
                    minSamples == maxSamples
                            ? minSamples
                            : minSamples + (long) (rng.uniform() * (maxSamples - minSamples));
            starts[count] = starts[count - 1] + length;
            Scene next;
            if (cycle != null) {
                next = cycle.get(count % cycle.size());
            } else {
                Scene previous = scenes[count - 1];
                next = Scene.values()[rng.nextInt(Scene.values().length - 1)];
                if (next.ordinal() >= previous.ordinal()) {
                    next = Scene.values()[next.ordinal() + 1];
                }
            }
            scenes[count] = next;
            count++;
        }
    }

    /** The index of the entry covering sample {@code position} (>= 0). */
    public int entryAt(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position is " + position + "; expected >= 0");
        }
        extendTo(position);
        int i = Arrays.binarySearch(starts, 0, count, position);
        return i >= 0 ? i : -i - 2;
    }

    /** The first sample of entry {@code entry}. */
    public long start(int entry) {
        while (count <= entry) {
            extendTo(starts[count - 1]);
        }
        return starts[entry];
    }

    /** The scene of entry {@code entry}. */
    public Scene scene(int entry) {
        start(entry);
        return scenes[entry];
    }

    /** The true scene at sample {@code position}. */
    public Scene sceneAt(long position) {
        return scenes[entryAt(position)];
    }
}
