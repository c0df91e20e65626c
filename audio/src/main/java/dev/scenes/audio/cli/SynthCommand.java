package dev.scenes.audio.cli;

import dev.scenes.audio.synth.DatasetGenerator;
import dev.scenes.audio.synth.DatasetSpec;
import dev.scenes.audio.synth.DatasetSummary;
import dev.scenes.audio.synth.EventLibrary;
import dev.scenes.audio.synth.SynthKnobs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./scenes synth --out DIR [--clips-per-scene N] [--seed S] [--events-dir D] [knobs]}:
 * writes a synthetic dataset in the TAU Urban Acoustic Scenes 2020 Mobile development layout (see
 * docs/SYNTH.md), printing progress and a summary of clips per split and device.
 */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic acoustic-scene dataset in the TAU 2020 Mobile layout: 10 scenes,"
                    + " 10-second 44.1 kHz mono WAV clips, devices a, b, c, s1-s6, meta.csv and"
                    + " evaluation_setup/fold1_{train,evaluate,test}.csv. Same seed, same bytes."
        })
final class SynthCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(
            names = "--clips-per-scene",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "device-a segments per scene, train and evaluation (default ${DEFAULT-VALUE})")
    int clipsPerScene;

    @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--events-dir",
            paramLabel = "DIR",
            description =
                    "folder in the TAU/ESC layout (e.g. ../shared/data/esc10) whose recordings are"
                            + " mixed in as extra foreground events where they fit")
    Path eventsDir;

    @Option(
            names = "--max-events-per-class",
            defaultValue = "12",
            description = "recordings loaded per events class (default ${DEFAULT-VALUE})")
    int maxEventsPerClass;

    @Option(
            names = "--bit-depth",
            defaultValue = "16",
            description = "16 or 24 (default ${DEFAULT-VALUE})")
    int bitDepth;

    @Option(
            names = "--event-density",
            defaultValue = "1.0",
            description = "multiplies every event rate (default ${DEFAULT-VALUE})")
    double eventDensity;

    @Option(
            names = "--snr-min",
            defaultValue = "-6",
            description = "lowest event level over the background, dB (default ${DEFAULT-VALUE})")
    double snrMin;

    @Option(
            names = "--snr-max",
            defaultValue = "6",
            description = "highest event level over the background, dB (default ${DEFAULT-VALUE})")
    double snrMax;

    @Option(
            names = "--device-severity",
            defaultValue = "1.0",
            description =
                    "0 = all devices like a, 1 = as profiled, >1 harsher (default ${DEFAULT-VALUE})")
    double deviceSeverity;

    @Option(
            names = "--location-spread",
            defaultValue = "1.0",
            description = "how much locations of a scene differ, 0..3 (default ${DEFAULT-VALUE})")
    double locationSpread;

    @Option(
            names = "--recorded-events-per-minute",
            defaultValue = "4",
            description = "mean rate of --events-dir recordings (default ${DEFAULT-VALUE})")
    double recordedPerMinute;

    @Option(
            names = "--segments-per-location",
            defaultValue = "6",
            description = "segments recorded at one location (default ${DEFAULT-VALUE})")
    int segmentsPerLocation;

    @Option(
            names = "--evaluation-share",
            defaultValue = "0.3",
            description = "share of locations held out for evaluation (default ${DEFAULT-VALUE})")
    double evaluationShare;

    @Option(
            names = "--train-device-share",
            defaultValue = "0.1",
            description =
                    "share of training segments also rendered on each of b, c, s1-s3 (default"
                            + " ${DEFAULT-VALUE})")
    double trainDeviceShare;

    @Option(
            names = "--threads",
            description = "worker threads (default: one per core); output does not depend on it")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (bitDepth != 16 && bitDepth != 24) {
            throw new IllegalArgumentException(
                    "--bit-depth is " + bitDepth + "; expected 16 or 24");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; give a folder");
        }
        SynthKnobs knobs =
                new SynthKnobs(
                        eventDensity,
                        snrMin,
                        snrMax,
                        deviceSeverity,
                        locationSpread,
                        recordedPerMinute);
        DatasetSpec dataset =
                new DatasetSpec(
                        clipsPerScene,
                        seed,
                        bitDepth,
                        knobs,
                        segmentsPerLocation,
                        evaluationShare,
                        trainDeviceShare,
                        10,
                        threads != null ? threads : Runtime.getRuntime().availableProcessors());
        EventLibrary events = EventLibrary.empty();
        if (eventsDir != null) {
            if (!Files.isDirectory(eventsDir)) {
                throw new IllegalArgumentException(
                        "--events-dir " + eventsDir + " is not a folder");
            }
            events = EventLibrary.load(eventsDir, maxEventsPerClass);
            stdout.printf("events: %s from %s%n", events.clipsPerClass(), eventsDir);
        }
        DatasetSummary summary = new DatasetGenerator(dataset, events).generate(out, stdout);
        stdout.printf(
                Locale.ROOT,
                "wrote %d clips (%d segments) to %s in %.1f s%n",
                summary.clips(),
                summary.segments(),
                out,
                summary.seconds());
        TreeSet<String> devices = new TreeSet<>(summary.trainClipsPerDevice().keySet());
        devices.addAll(summary.evaluateClipsPerDevice().keySet());
        stdout.printf("%-8s %8s %8s%n", "device", "train", "evaluate");
        for (String d : devices) {
            stdout.printf(
                    "%-8s %8d %8d%n",
                    d,
                    count(summary.trainClipsPerDevice(), d),
                    count(summary.evaluateClipsPerDevice(), d));
        }
        return 0;
    }

    private static int count(Map<String, Integer> counts, String key) {
        return counts.getOrDefault(key, 0);
    }
}
