package dev.scenes.audio.synth;

import dev.scenes.audio.device.Device;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, before any audio is rendered, every segment of a dataset: locations per scene, which
 * locations are held out, and which devices render which segment. A pure function of the {@link
 * DatasetSpec}, so the files and splits do not depend on rendering order or thread count.
 *
 * <p>Rules (as TAU Urban Acoustic Scenes 2020 Mobile): each scene gets {@code max(2,
 * ceil(clipsPerScene / segmentsPerLocation))} locations in rotating cities, each location with a
 * number unique in its city; {@code evaluationShare} of them (at least one, never all) are held
 * out, so no location is in both splits. Evaluation segments are rendered on all nine devices, so
 * every device is equally represented there; training segments on device a, plus each of b, c,
 * s1..s3 for a {@code trainDeviceShare} of them; s4..s6 never appear in training.
 */
public final class DatasetPlan {

    private static final List<Device> PARALLEL_TRAIN =
            List.of(Device.B, Device.C, Device.S1, Device.S2, Device.S3);

    private DatasetPlan() {}

    /** The segments of {@code spec}, scene by scene. */
    public static List<PlannedSegment> of(DatasetSpec spec) {
        List<PlannedSegment> out = new ArrayList<>();
        int[] nextId = new int[City.values().length];
        int idBase = (int) Math.floorMod(Prng.mix(spec.seed(), 0x1D5L), 9000L);
        for (Scene scene : Scene.values()) {
            Prng rng = new Prng(Prng.mix(spec.seed(), scene.ordinal()));
            int n = spec.clipsPerScene();
            int locations =
                    Math.max(2, (n + spec.segmentsPerLocation() - 1) / spec.segmentsPerLocation());
            locations = Math.min(locations, n);
            int held =
                    Math.max(
                            1,
                            Math.min(
                                    locations - 1,
                                    (int) Math.round(locations * spec.evaluationShare())));
            int cityOffset = rng.nextInt(City.values().length);
            Location[] places = new Location[locations];
            for (int k = 0; k < locations; k++) {
                City city = City.values()[(cityOffset + k) % City.values().length];
                int id = idBase + nextId[city.ordinal()]++;
                places[k] = Location.of(scene, city, id, spec.knobs());
            }
            List<Integer> trainSegments = new ArrayList<>();
            List<List<Device>> devices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean evaluation = i % locations >= locations - held;
                List<Device> d = new ArrayList<>();
                if (evaluation) {
                    d.addAll(List.of(Device.values()));
                } else {
                    d.add(Device.A);
                    for (Device p : PARALLEL_TRAIN) {
                        if (rng.uniform() < spec.trainDeviceShare()) {
                            d.add(p);
                        }
                    }
                    trainSegments.add(i);
                }
                devices.add(d);
            }
            // Every parallel training device at least once per scene.
            for (int j = 0; j < PARALLEL_TRAIN.size(); j++) {
                Device p = PARALLEL_TRAIN.get(j);
                boolean present = trainSegments.stream().anyMatch(i -> devices.get(i).contains(p));
                if (!present) {
                    List<Device> d = devices.get(trainSegments.get(j % trainSegments.size()));
                    d.add(p);
                    d.sort(null);
                }
            }
            for (int i = 0; i < n; i++) {
                Location place = places[i % locations];
                int segment = i / locations;
                boolean evaluation = i % locations >= locations - held;
                long seed = Prng.mix(Prng.mix(spec.seed(), place.seed()), segment);
                out.add(new PlannedSegment(place, segment, evaluation, devices.get(i), seed));
            }
        }
        return out;
    }
}
