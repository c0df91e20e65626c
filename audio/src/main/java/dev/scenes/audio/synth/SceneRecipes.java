package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The ten scene models: which layers make each scene, at which levels and rates, with which
 * per-location and per-clip parameters. {@code docs/SYNTH.md} describes them in prose.
 *
 * <p>Levels are set relative to a "bed" (the background textures, whose total RMS the location's
 * level fixes); foreground event layers sit {@code snrMinDb..snrMaxDb} above it (drawn per event
 * type and clip) plus a per-type offset. Shared ingredients are deliberate: buses, trams and metros
 * all have motors, chimes and announcements; streets and squares voices and footsteps; airports and
 * malls reverberant babble.
 */
final class SceneRecipes {

    private static final double FS = SceneRenderer.SAMPLE_RATE;

    private SceneRecipes() {}

    static SceneRenderer build(
            Location location, SynthKnobs knobs, long clipSeed, EventLibrary events) {
        Recipe r = new Recipe(location, knobs, clipSeed);
        switch (location.scene()) {
            case AIRPORT -> airport(r);
            case SHOPPING_MALL -> shoppingMall(r);
            case METRO_STATION -> metroStation(r);
            case STREET_PEDESTRIAN -> streetPedestrian(r);
            case PUBLIC_SQUARE -> publicSquare(r);
            case STREET_TRAFFIC -> streetTraffic(r);
            case TRAM -> tram(r);
            case BUS -> bus(r);
            case METRO -> metro(r);
            case PARK -> park(r);
        }
        List<EventClip> clips = events.forScene(location.scene());
        if (!clips.isEmpty() && knobs.recordedEventsPerMinute() > 0) {
            double g = r.event(-2);
            r.layers.add(
                    new RecordedEvents(
                            FS,
                            r.stream(),
                            clips,
                            r.rate(knobs.recordedEventsPerMinute()),
                            g * 0.5,
                            g));
        }
        return r.renderer();
    }

    // ---- halls -------------------------------------------------------------------------------

    private static void airport(Recipe r) {
        r.hvac(0.55, 700);
        r.hum(0.12);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(8, 18),
                        r.bed(0.75),
                        0.8 * r.tilt,
                        Level.constant(1)));
        r.add(new NoiseBed(FS, r.stream(), r.bed(0.3), 0.3, 0.2, Level.constant(1), r.lp(300)));
        r.add(new Footsteps(FS, r.stream(), r.rate(18), 1800 * r.tilt, r.event(-8)));
        r.add(new Luggage(FS, r.stream(), r.rate(6), r.event(-4)));
        r.add(new Announcements(FS, r.stream(), r.rate(1.2), r.event(2)));
    }

    private static void shoppingMall(Recipe r) {
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(10, 22),
                        r.bed(0.85),
                        0.95 * r.tilt,
                        Level.constant(1)));
        r.hvac(0.3, 900);
        r.hum(0.06);
        if (r.place.chance(0.75)) {
            r.add(new Music(FS, r.stream(), r.bed(0.3)));
        }
        r.add(new Footsteps(FS, r.stream(), r.rate(25), 2200 * r.tilt, r.event(-6)));
        r.add(new Luggage(FS, r.stream(), r.rate(2), r.event(-6)));
        r.add(new Announcements(FS, r.stream(), r.rate(0.3), r.event(0)));
        r.add(
                new Chimes(
                        FS,
                        r.stream(),
                        Chimes.motif(r.place, r.place.uniform(1000, 1800)),
                        r.event(-8),
                        r.rate(0.6),
                        null));
    }

    private static void metroStation(Recipe r) {
        DriveCycle trains =
                new DriveCycle(
                        FS,
                        r.place.nextLong() ^ r.clip.nextLong(),
                        true,
                        r.place.uniform(14, 20),
                        r.place.uniform(0.9, 1.3),
                        r.place.uniform(18, 30),
                        r.place.uniform(50, 140) / r.density);
        r.hvac(0.6, 400);
        r.hum(0.15);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(4, 12),
                        r.bed(0.5),
                        0.8 * r.tilt,
                        Level.constant(1)));
        double train = r.event(3);
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        train,
                        0.2,
                        1,
                        p -> trains.presence(p) * (0.25 + trains.load(p)),
                        r.lp(280),
                        r.hp(35)));
        r.add(new Motor(FS, r.stream(), trains, true, r.event(-2), r.tilt));
        r.add(
                new RailJoints(
                        FS,
                        r.stream(),
                        trains,
                        r.place.uniform(15, 25),
                        r.place.uniform(90, 180),
                        r.event(0)));
        r.add(new Squeal(FS, r.stream(), trains, 0.5, r.event(-2)));
        r.add(
                new Chimes(
                        FS,
                        r.stream(),
                        Chimes.motif(r.place, r.place.uniform(500, 900)),
                        r.event(-4),
                        0,
                        trains));
        r.add(new Announcements(FS, r.stream(), r.rate(1.5), r.event(2)));
        r.add(new Footsteps(FS, r.stream(), r.rate(20), 1500 * r.tilt, r.event(-8)));
    }

    // ---- outdoors ----------------------------------------------------------------------------

    private static void streetPedestrian(Recipe r) {
        r.cityRumble(0.55, 200);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(3, 10),
                        r.bed(0.8),
                        1.1 * r.tilt,
                        Level.constant(1)));
        r.wind(0.15);
        r.add(new Footsteps(FS, r.stream(), r.rate(30), 900 * r.tilt, r.event(-4)));
        r.add(
                new Traffic(
                        FS,
                        r.stream(),
                        r.rate(4),
                        r.place.uniform(12, 30),
                        r.event(-2),
                        0.1,
                        r.tilt));
        r.add(new Birds(FS, r.stream(), r.rate(0.6), r.event(-8)));
    }

    private static void publicSquare(Recipe r) {
        r.cityRumble(0.5, 160);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(3, 9),
                        r.bed(0.5),
                        0.75 * r.tilt,
                        Level.constant(1)));
        if (r.place.chance(0.5)) {
            r.add(
                    new NoiseBed(
                            FS,
                            r.stream(),
                            r.bed(0.45),
                            0.15,
                            6,
                            Level.constant(1),
                            r.hp(700),
                            r.lp(6500)));
        }
        r.wind(0.25);
        r.add(new Footsteps(FS, r.stream(), r.rate(14), 800 * r.tilt, r.event(-5)));
        r.add(new Birds(FS, r.stream(), r.rate(2.5), r.event(-4)));
        r.add(
                new Traffic(
                        FS,
                        r.stream(),
                        r.rate(2),
                        r.place.uniform(25, 50),
                        r.event(-4),
                        0.05,
                        r.tilt));
    }

    private static void streetTraffic(Recipe r) {
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        r.bed(1.0),
                        0.35,
                        0.3,
                        Level.constant(1),
                        r.lp(150),
                        r.hp(25)));
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        r.bed(0.25),
                        0.3,
                        0.5,
                        Level.constant(1),
                        BiquadFilter.bandpass(1000 * r.tilt, 0.6, FS)));
        r.wind(0.15);
        r.add(
                new Traffic(
                        FS,
                        r.stream(),
                        r.rate(r.place.uniform(15, 40)),
                        r.place.uniform(4, 10),
                        r.event(0),
                        0.4,
                        r.tilt));
        r.add(new Footsteps(FS, r.stream(), r.rate(4), 900 * r.tilt, r.event(-10)));
    }

    private static void park(Recipe r) {
        r.cityRumble(0.25, 120);
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        r.bed(0.6),
                        0.8,
                        0.3,
                        Level.constant(1),
                        BiquadFilter.bandpass(2500 * r.tilt, 0.5, FS)));
        r.wind(0.15);
        if (r.place.chance(0.25)) {
            r.add(
                    new NoiseBed(
                            FS,
                            r.stream(),
                            r.bed(0.3),
                            0.15,
                            6,
                            Level.constant(1),
                            r.hp(700),
                            r.lp(6000)));
        }
        r.add(new Birds(FS, r.stream(), r.rate(8), r.event(0)));
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(1, 4),
                        r.event(-8),
                        0.6 * r.tilt,
                        Level.constant(1)));
        r.add(new Footsteps(FS, r.stream(), r.rate(3), 600 * r.tilt, r.event(-8)));
        r.add(
                new Traffic(
                        FS,
                        r.stream(),
                        r.rate(1),
                        r.place.uniform(50, 80),
                        r.event(-6),
                        0,
                        r.tilt));
    }

    // ---- vehicles ----------------------------------------------------------------------------

    private static void tram(Recipe r) {
        DriveCycle ride =
                r.cycle(
                        r.place.uniform(8, 14),
                        1.0,
                        r.place.uniform(15, 25),
                        r.place.uniform(20, 50));
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        r.bed(0.55),
                        0.2,
                        0.5,
                        p -> 0.35 + 0.65 * ride.load(p),
                        r.lp(300),
                        r.hp(30)));
        r.hvac(0.25, 600);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(2, 6),
                        r.bed(0.35),
                        0.8 * r.tilt,
                        Level.constant(1)));
        r.add(new Motor(FS, r.stream(), ride, true, r.event(0), r.tilt));
        r.add(
                new RailJoints(
                        FS,
                        r.stream(),
                        ride,
                        r.place.uniform(15, 25),
                        r.place.uniform(120, 220),
                        r.event(-2)));
        r.add(new Squeal(FS, r.stream(), ride, r.rate(1.5), r.event(-4)));
        r.add(
                new Chimes(
                        FS,
                        r.stream(),
                        Chimes.motif(r.place, r.place.uniform(600, 1100)),
                        r.event(-4),
                        0,
                        ride));
        r.add(new Announcements(FS, r.stream(), r.rate(0.8), r.event(0)));
    }

    private static void bus(Recipe r) {
        DriveCycle ride =
                r.cycle(
                        r.place.uniform(8, 13),
                        1.2,
                        r.place.uniform(10, 25),
                        r.place.uniform(15, 40));
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        r.bed(0.5),
                        0.25,
                        0.5,
                        p -> 0.2 + 0.8 * ride.load(p),
                        r.lp(400),
                        r.hp(30)));
        r.hvac(0.2, 700);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(2, 6),
                        r.bed(0.35),
                        0.8 * r.tilt,
                        Level.constant(1)));
        r.add(new Motor(FS, r.stream(), ride, false, r.event(0), r.tilt));
        r.add(
                new Chimes(
                        FS,
                        r.stream(),
                        Chimes.motif(r.place, r.place.uniform(800, 1600)),
                        r.event(-4),
                        r.rate(0.5),
                        ride));
        r.add(new Announcements(FS, r.stream(), r.rate(0.6), r.event(-1)));
    }

    private static void metro(Recipe r) {
        DriveCycle ride =
                r.cycle(
                        r.place.uniform(15, 22),
                        1.0,
                        r.place.uniform(15, 25),
                        r.place.uniform(30, 90));
        r.add(
                new NoiseBed(
                        FS,
                        r.stream(),
                        r.bed(1.0),
                        0.2,
                        0.5,
                        p -> 0.25 + 0.75 * ride.load(p),
                        r.lp(500),
                        r.hp(40)));
        r.hvac(0.2, 600);
        r.add(
                new Babble(
                        FS,
                        r.stream(),
                        r.count(2, 6),
                        r.bed(0.3),
                        0.8 * r.tilt,
                        Level.constant(1)));
        r.add(new Motor(FS, r.stream(), ride, true, r.event(-1), r.tilt));
        r.add(
                new RailJoints(
                        FS,
                        r.stream(),
                        ride,
                        r.place.uniform(18, 30),
                        r.place.uniform(80, 160),
                        r.event(-2)));
        r.add(new Squeal(FS, r.stream(), ride, r.rate(2), r.event(-1)));
        r.add(
                new Chimes(
                        FS,
                        r.stream(),
                        Chimes.motif(r.place, r.place.uniform(500, 1000)),
                        r.event(-3),
                        0,
                        ride));
        r.add(new Announcements(FS, r.stream(), r.rate(0.8), r.event(0)));
    }

    /** The state of one recipe being built: the location's and the clip's generators, levels. */
    private static final class Recipe {
        final Location location;
        final SynthKnobs knobs;

        /** Traits of the location: the same for every clip there. */
        final Prng place;

        /** Variation of this clip. */
        final Prng clip;

        final double density;
        final double tilt;
        final List<Layer> layers = new ArrayList<>();
        double bedPower;

        Recipe(Location location, SynthKnobs knobs, long clipSeed) {
            this.location = location;
            this.knobs = knobs;
            this.place = new Prng(location.seed());
            this.clip = new Prng(Prng.mix(location.seed(), clipSeed));
            this.density =
                    location.density()
                            * knobs.eventDensity()
                            * Math.exp(0.25 * Math.max(-2, Math.min(2, clip.gaussian())));
            this.tilt = location.tilt() * Math.exp(0.05 * clip.gaussian());
        }

        Prng stream() {
            return new Prng(clip.nextLong());
        }

        void add(Layer layer) {
            layers.add(layer);
        }

        /** A background gain; counted in the bed's power. */
        double bed(double gain) {
            bedPower += gain * gain;
            return gain;
        }

        /** A foreground gain: SNR drawn in the knobs' range plus {@code offsetDb}, over the bed. */
        double event(double offsetDb) {
            double snr = clip.uniform(knobs.snrMinDb(), knobs.snrMaxDb()) + offsetDb;
            return Math.sqrt(Math.max(bedPower, 1e-6)) * Math.pow(10, snr / 20);
        }

        /** An event rate scaled by the location's and clip's density. */
        double rate(double perMinute) {
            return perMinute * density;
        }

        /** A count in [lo, hi] for this location, scaled by density. */
        int count(int lo, int hi) {
            int base = lo + place.nextInt(hi - lo + 1);
            return Math.max(1, (int) Math.round(base * Math.sqrt(density)));
        }

        BiquadFilter lp(double hz) {
            return BiquadFilter.lowpass(hz * tilt, 0.7, FS);
        }

        BiquadFilter hp(double hz) {
            return BiquadFilter.highpass(hz, 0.7, FS);
        }

        DriveCycle cycle(double maxSpeed, double accel, double dwell, double cruise) {
            return new DriveCycle(
                    FS, place.nextLong() ^ clip.nextLong(), false, maxSpeed, accel, dwell, cruise);
        }

        void hvac(double gain, double cutoff) {
            add(
                    new NoiseBed(
                            FS,
                            stream(),
                            bed(gain),
                            0.08,
                            0.2,
                            Level.constant(1),
                            lp(cutoff),
                            hp(50)));
        }

        void hum(double gain) {
            add(new Hum(FS, stream(), location.humHz(), Level.constant(bed(gain)), 1, 0.5, 0.3));
        }

        void cityRumble(double gain, double cutoff) {
            add(
                    new NoiseBed(
                            FS,
                            stream(),
                            bed(gain),
                            0.3,
                            0.2,
                            Level.constant(1),
                            lp(cutoff),
                            hp(25)));
        }

        void wind(double gain) {
            double g = gain * clip.uniform(0.2, 1.5);
            add(
                    new NoiseBed(
                            FS,
                            stream(),
                            bed(g),
                            0.85,
                            0.4,
                            Level.constant(1),
                            BiquadFilter.lowpass(110, 0.8, FS),
                            hp(20)));
        }

        SceneRenderer renderer() {
            double gain = Math.pow(10, location.levelDb() / 20) / Math.sqrt(bedPower);
            Reverb reverb = null;
            double wet = 0;
            if (location.scene().indoor()) {
                reverb = new Reverb(FS, location.rt60(), location.roomSize(), 0.35);
                wet = location.wet();
            }
            return new SceneRenderer(location, layers, reverb, wet, gain);
        }
    }
}
