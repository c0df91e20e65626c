package dev.scenes.audio.synth;

import dev.scenes.audio.dataset.Clip;
import dev.scenes.audio.dataset.FoldSplit;
import dev.scenes.audio.dataset.TauLayoutWriter;
import dev.scenes.audio.device.Device;
import dev.scenes.audio.device.DeviceChain;
import dev.scenes.audio.encode.WavSampleFormat;
import dev.scenes.audio.encode.WavWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a synthetic dataset in the TAU Urban Acoustic Scenes 2020 Mobile development layout:
 * {@code audio/<scene>-<city>-<location>-<segment>-<device>.wav}, {@code meta.csv} and {@code
 * evaluation_setup/fold1_{train,evaluate,test}.csv} (through {@link TauLayoutWriter}).
 *
 * <p>The {@link DatasetPlan} fixes every file before rendering starts; each segment is rendered
 * once (device a's clean signal) and then passed through each of its devices' {@link DeviceChain}s,
 * with seeds derived from the segment. Segments render in parallel, but every byte depends only on
 * the spec, so the same spec gives identical files on any machine and thread count.
 */
public final class DatasetGenerator {

    private final DatasetSpec spec;
    private final EventLibrary events;

    /** A generator of {@code spec}, mixing in {@code events} (use {@link EventLibrary#empty()}). */
    public DatasetGenerator(DatasetSpec spec, EventLibrary events) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Writes the dataset under {@code root} (created if needed; existing files of the same names
     * are replaced), printing a progress line about every 10 % to {@code progress}.
     */
    public DatasetSummary generate(Path root, PrintWriter progress) throws IOException {
        long started = System.nanoTime();
        List<PlannedSegment> plan = DatasetPlan.of(spec);
        Path audio = root.resolve("audio");
        Files.createDirectories(audio);
        WavWriter writer =
                new WavWriter(
                        spec.bitDepth() == 24 ? WavSampleFormat.PCM_24 : WavSampleFormat.PCM_16,
                        SceneRenderer.SAMPLE_RATE);
        int samples = (int) Math.round(spec.clipSeconds() * SceneRenderer.SAMPLE_RATE);
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedSegment segment : plan) {
                futures.add(pool.submit(() -> render(segment, samples, root, writer)));
            }
            int step = Math.max(1, plan.size() / 10);
            for (int i = 0; i < futures.size(); i++) {
                await(futures.get(i), plan.get(i));
                if ((i + 1) % step == 0 || i + 1 == futures.size()) {
                    progress.printf(
                            Locale.ROOT,
                            "synth: %d/%d segments (%.0f %%), %.1f s%n",
                            i + 1,
                            plan.size(),
                            100.0 * (i + 1) / plan.size(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        List<Clip> clips = new ArrayList<>();
        List<String> train = new ArrayList<>();
        List<String> evaluate = new ArrayList<>();
        SortedMap<String, Integer> trainCounts = new TreeMap<>();
        SortedMap<String, Integer> evaluateCounts = new TreeMap<>();
        for (PlannedSegment segment : plan) {
            for (Device device : segment.devices()) {
                String name = segment.filename(device);
                clips.add(
                        Clip.in(
                                root,
                                name,
                                segment.location().scene().label(),
                                segment.location().identifier(),
                                device.label()));
                (segment.evaluation() ? evaluate : train).add(name);
                (segment.evaluation() ? evaluateCounts : trainCounts)
                        .merge(device.label(), 1, Integer::sum);
            }
        }
        TauLayoutWriter.write(root, clips, List.of(new FoldSplit(1, train, evaluate, evaluate)));
        return new DatasetSummary(
                plan.size(),
                clips.size(),
                trainCounts,
                evaluateCounts,
                (System.nanoTime() - started) / 1e9);
    }

    private void render(PlannedSegment segment, int samples, Path root, WavWriter writer) {
        float[] clean =
                SceneRenderer.create(segment.location(), spec.knobs(), segment.seed(), events)
                        .render(samples);
        for (Device device : segment.devices()) {
            float[] recorded = clean.clone();
            DeviceChain chain =
                    new DeviceChain(
                            device.profile().withSeverity(spec.knobs().deviceSeverity()),
                            SceneRenderer.SAMPLE_RATE,
                            Prng.mix(segment.seed(), device.ordinal() + 1));
            chain.process(recorded, 0, recorded.length);
            try {
                writer.write(root.resolve(segment.filename(device)), recorded);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot write " + root.resolve(segment.filename(device)), e);
            }
        }
    }

    private static void await(Future<?> future, PlannedSegment segment) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering " + segment.filename(Device.A), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw new IOException(io.getMessage(), io.getCause());
            }
            throw new IllegalStateException(
                    "rendering " + segment.filename(Device.A) + " failed: " + cause, cause);
        }
    }
}
