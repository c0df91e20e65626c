package dev.scenes.audio.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ten acoustic scenes of DCASE 2021 Task 1a, in the challenge's label order, with whether the
 * synthesizer puts them in a reverberant room (halls and vehicle interiors) or in the open.
 */
public enum Scene {
    AIRPORT(true),
    SHOPPING_MALL(true),
    METRO_STATION(true),
    STREET_PEDESTRIAN(false),
    PUBLIC_SQUARE(false),
    STREET_TRAFFIC(false),
    TRAM(true),
    BUS(true),
    METRO(true),
    PARK(false);

    private final boolean indoor;

    Scene(boolean indoor) {
        this.indoor = indoor;
    }

    /** The DCASE label, e.g. {@code street_traffic}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for scenes rendered with a synthetic room (halls and vehicle interiors). */
    public boolean indoor() {
        return indoor;
    }

    /** The scene with DCASE label {@code label}. */
    public static Scene fromLabel(String label) {
        for (Scene s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown scene '"
                        + label
                        + "'; expected one of "
                        + Arrays.stream(values())
                                .map(Scene::label)
                                .collect(Collectors.joining(", ")));
    }
}
