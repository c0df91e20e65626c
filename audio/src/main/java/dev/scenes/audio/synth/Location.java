package dev.scenes.audio.synth;

import java.util.Objects;

/**
 * One recording location of a scene (a particular station, street or bus line) and its acoustic
 * character, derived deterministically from (scene, city, id) and the location spread.
 *
 * <p>Every clip recorded at a location shares these values; clips then vary around them. The scene
 * models draw further location traits (voice count, chime pitches, lane distance ...) from {@link
 * #seed()}.
 *
 * @param scene the scene
 * @param city the city
 * @param id the location number, unique within the city (as in TAU identifiers)
 * @param levelDb RMS level of the background bed in dBFS
 * @param density multiplier of event rates (crowdedness, traffic)
 * @param rt60 reverberation time in seconds; 0 for outdoor scenes
 * @param roomSize delay-line scale of the synthetic room (vehicle ~0.35, halls 1..2)
 * @param wet reverberant-to-direct gain of the room
 * @param tilt multiplier of the dominant frequencies of textures (0.7 darker .. 1.4 brighter)
 * @param humHz fundamental of the location's hum (ventilation, motors), 45..160 Hz
 * @param seed the seed of the location's further traits
 */
public record Location(
        Scene scene,
        City city,
        int id,
        double levelDb,
        double density,
        double rt60,
        double roomSize,
        double wet,
        double tilt,
        double humHz,
        long seed) {

    /** Validates the identity fields. */
    public Location {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(city, "city");
        if (id < 0) {
            throw new IllegalArgumentException("location id is " + id + "; expected >= 0");
        }
    }

    /** The TAU identifier, {@code <city>-<id>}, e.g. {@code lisbon-1043}. */
    public String identifier() {
        return city.label() + "-" + id;
    }

    /** The location with this identity; the same arguments always give the same location. */
    public static Location of(Scene scene, City city, int id, SynthKnobs knobs) {
        long seed = Prng.mix(Prng.mix(scene.ordinal() + 1, city.ordinal() + 1), id);
        Prng rng = new Prng(seed);
        double spread = knobs.locationSpread();
        double level = baseLevel(scene) + 3.5 * spread * clamp(rng.gaussian());
        double density = Math.exp(0.45 * spread * clamp(rng.gaussian()));
        double tilt = Math.exp(0.22 * spread * clamp(rng.gaussian()));
        double humHz = 45 + 115 * rng.uniform();
        double rt60 = 0;
        double size = 0;
        double wet = 0;
        if (scene.indoor()) {
            double[] range = rt60Range(scene);
            double u = 0.5 + 0.5 * spread * (rng.uniform() * 2 - 1);
            u = Math.max(0, Math.min(1, u));
            rt60 = range[0] + (range[1] - range[0]) * u;
            boolean vehicle = scene == Scene.BUS || scene == Scene.TRAM || scene == Scene.METRO;
            size = vehicle ? 0.25 + 0.1 * u : 0.9 + 1.1 * u;
            wet = vehicle ? 0.35 + 0.2 * rng.uniform() : 0.6 + 0.5 * rng.uniform();
        }
        return new Location(
                scene, city, id, level, density, rt60, size, wet, tilt, humHz, rng.nextLong());
    }

    private static double clamp(double z) {
        return Math.max(-2.5, Math.min(2.5, z));
    }

    private static double baseLevel(Scene scene) {
        return switch (scene) {
            case AIRPORT -> -32;
            case SHOPPING_MALL -> -30;
            case METRO_STATION -> -30;
            case STREET_PEDESTRIAN -> -29;
            case PUBLIC_SQUARE -> -31;
            case STREET_TRAFFIC -> -27;
            case TRAM -> -29;
            case BUS -> -28;
            case METRO -> -27;
            case PARK -> -35;
        };
    }

    private static double[] rt60Range(Scene scene) {
        return switch (scene) {
            case AIRPORT -> new double[] {1.0, 2.4};
            case SHOPPING_MALL -> new double[] {0.8, 1.8};
            case METRO_STATION -> new double[] {1.2, 2.8};
            case BUS -> new double[] {0.25, 0.5};
            case TRAM -> new double[] {0.3, 0.6};
            case METRO -> new double[] {0.35, 0.7};
            default -> new double[] {0, 0};
        };
    }
}
