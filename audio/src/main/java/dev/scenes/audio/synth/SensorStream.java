package dev.scenes.audio.synth;

import dev.scenes.audio.device.Device;
import dev.scenes.audio.device.DeviceChain;
import java.util.Objects;

/**
 * The endless audio of one simulated sensor: the scenes of a {@link SceneSchedule} at the sensor's
 * place, cross-faded at each change, heard through a {@link Device}, at 44.1 kHz, in chunks of any
 * size and faster than real time.
 *
 * <pre>{@code
 * SensorStream s = new SensorStream(SceneSchedule.random(seed, 120, 300), City.LYON, 17,
 *         Device.B, seed, SynthKnobs.defaults(), EventLibrary.empty());
 * float[] chunk = new float[4410];
 * s.read(chunk, 0, chunk.length);              // 100 ms
 * ChunkTruth truth = s.truth(s.position() - chunk.length, chunk.length);
 * }</pre>
 *
 * <p>Each schedule entry gets a fresh {@link SceneRenderer} for the location {@code (scene, city,
 * locationId)} with a seed derived from the stream seed and the entry index; it starts half a
 * cross-fade before its entry and stops half a cross-fade after. The fade is equal-power (cos/sin).
 * Everything, the device's noise included, is a function of the constructor arguments and the
 * sample index, so the output is bit-identical for any chunking. Not thread-safe: one stream per
 * thread at a time.
 */
public final class SensorStream {

    /** Default cross-fade between scenes: 2 seconds. */
    public static final double DEFAULT_CROSSFADE_SECONDS = 2.0;

    private static final int PIECE = 4096;

    private final SceneSchedule schedule;
    private final City city;
    private final int locationId;
    private final long seed;
    private final SynthKnobs knobs;
    private final EventLibrary events;
    private final DeviceChain device;
    private final long half;
    private final float[] scratch = new float[PIECE];
    private long position;
    private int currentEntry = -1;
    private SceneRenderer current;
    private int nextEntry = -1;
    private SceneRenderer next;
    private int previousEntry = -1;
    private SceneRenderer previous;

    /** A stream with the default 2-second cross-fade. */
    public SensorStream(
            SceneSchedule schedule,
            City city,
            int locationId,
            Device device,
            long seed,
            SynthKnobs knobs,
            EventLibrary events) {
        this(schedule, city, locationId, device, seed, knobs, events, DEFAULT_CROSSFADE_SECONDS);
    }

    /**
     * @param schedule which scene when; owned by this stream from now on
     * @param city the sensor's city
     * @param locationId the sensor's location number (one location per scene it hears)
     * @param device the microphone, applied at {@link SynthKnobs#deviceSeverity()}
     * @param seed all randomness of the stream
     * @param crossfadeSeconds length of the cross-fade around each scene change, 0..30
     */
    public SensorStream(
            SceneSchedule schedule,
            City city,
            int locationId,
            Device device,
            long seed,
            SynthKnobs knobs,
            EventLibrary events,
            double crossfadeSeconds) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.city = Objects.requireNonNull(city, "city");
        this.locationId = locationId;
        this.seed = seed;
        this.knobs = Objects.requireNonNull(knobs, "knobs");
        this.events = Objects.requireNonNull(events, "events");
        Objects.requireNonNull(device, "device");
        if (!(crossfadeSeconds >= 0 && crossfadeSeconds <= 30)) {
            throw new IllegalArgumentException(
                    "crossfadeSeconds is " + crossfadeSeconds + "; expected 0..30");
        }
        this.half = Math.round(crossfadeSeconds * SceneRenderer.SAMPLE_RATE / 2);
        this.device =
                new DeviceChain(
                        device.profile().withSeverity(knobs.deviceSeverity()),
                        SceneRenderer.SAMPLE_RATE,
                        Prng.mix(seed, 0xDE71CEL));
    }

    /** The sample rate of the stream: {@value SceneRenderer#SAMPLE_RATE} Hz. */
    public int sampleRate() {
        return SceneRenderer.SAMPLE_RATE;
    }

    /** How many samples have been read so far: the index of the next sample. */
    public long position() {
        return position;
    }

    /** The true scene at sample {@code index}. */
    public Scene sceneAt(long index) {
        return schedule.sceneAt(index);
    }

    /** The ground truth of samples {@code [start, start + length)}. */
    public ChunkTruth truth(long start, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length is " + length + "; expected > 0");
        }
        long end = start + length;
        int first = schedule.entryAt(start);
        int last = schedule.entryAt(end - 1);
        int[] counts = new int[Scene.values().length];
        boolean fade = false;
        for (int e = first; e <= last; e++) {
            long from = Math.max(start, schedule.start(e));
            long to = Math.min(end, schedule.start(e + 1));
            counts[schedule.scene(e).ordinal()] += (int) (to - from);
            if (e > 0 && overlaps(start, end, schedule.start(e) - half, schedule.start(e) + half)) {
                fade = true;
            }
        }
        long nextBoundary = schedule.start(last + 1);
        fade |= overlaps(start, end, nextBoundary - half, nextBoundary + half);
        int best = 0;
        for (int s = 1; s < counts.length; s++) {
            if (counts[s] > counts[best]) {
                best = s;
            }
        }
        return new ChunkTruth(
                start, length, Scene.values()[best], (double) counts[best] / length, fade);
    }

    private boolean overlaps(long a0, long a1, long b0, long b1) {
        return half > 0 && a0 < b1 && b0 < a1;
    }

    /** Fills {@code buf[off, off + len)} with the next samples; always returns {@code len}. */
    public int read(float[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int done = 0;
        while (done < len) {
            int n = renderPiece(buf, off + done, len - done);
            done += n;
        }
        device.process(buf, off, len);
        return len;
    }

    /** Renders up to {@code max} samples without crossing a fade edge; returns how many. */
    private int renderPiece(float[] buf, int off, int max) {
        int entry = schedule.entryAt(position);
        long boundary = schedule.start(entry + 1);
        long entryStart = schedule.start(entry);
        long limit = Math.min(max, PIECE);
        // Pieces end at the fade edges so that gains and renderer hand-overs happen at fixed
        // sample positions whatever the caller's chunk size.
        for (long edge : new long[] {entryStart + half, boundary - half, boundary}) {
            if (edge > position) {
                limit = Math.min(limit, edge - position);
            }
        }
        int n = (int) limit;
        if (currentEntry != entry) {
            if (nextEntry == entry) {
                current = next;
            } else {
                current = renderer(entry);
            }
            currentEntry = entry;
            next = null;
            nextEntry = -1;
        }
        boolean fadeOut = half > 0 && position >= boundary - half;
        boolean fadeIn = half > 0 && entry > 0 && position < entryStart + half;
        if (!fadeOut && !fadeIn) {
            current.render(buf, off, n);
        } else if (fadeOut) {
            if (nextEntry != entry + 1) {
                next = renderer(entry + 1);
                nextEntry = entry + 1;
            }
            mix(current, next, buf, off, n, position - (boundary - half));
        } else {
            // The outgoing scene of the previous entry still sounds.
            if (previous == null || previousEntry != entry - 1) {
                throw new IllegalStateException(
                        "stream lost the outgoing scene of entry " + (entry - 1));
            }
            mix(previous, current, buf, off, n, position - (entryStart - half));
        }
        position += n;
        if (position == boundary) {
            previous = current;
            previousEntry = entry;
        } else if (position >= entryStart + half) {
            previous = null;
            previousEntry = -1;
        }
        return n;
    }

    /** Equal-power fade from {@code out} to {@code in}; {@code t0} = samples into the fade. */
    private void mix(SceneRenderer out, SceneRenderer in, float[] buf, int off, int n, long t0) {
        out.render(buf, off, n);
        in.render(scratch, 0, n);
        double width = 2.0 * half;
        for (int i = 0; i < n; i++) {
            double u = (t0 + i) / width;
            float a = Sine.of(0.25 + 0.25 * u);
            float b = Sine.of(0.25 * u);
            buf[off + i] = a * buf[off + i] + b * scratch[i];
        }
    }

    private SceneRenderer renderer(int entry) {
        Location location = Location.of(schedule.scene(entry), city, locationId, knobs);
        return SceneRenderer.create(location, knobs, Prng.mix(seed, entry), events);
    }
}
