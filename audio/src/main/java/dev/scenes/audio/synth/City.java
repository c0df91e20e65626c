package dev.scenes.audio.synth;

import java.util.Locale;

/** The ten cities of TAU Urban Acoustic Scenes 2020 Mobile, which name locations in file names. */
public enum City {
    BARCELONA,
    HELSINKI,
    LISBON,
    LONDON,
    LYON,
    MILAN,
    PARIS,
    PRAGUE,
    STOCKHOLM,
    VIENNA;

    /** The lower-case name used in TAU file names, e.g. {@code helsinki}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The city with label {@code label}. */
    public static City fromLabel(String label) {
        for (City c : values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown city '" + label + "'; expected a TAU city such as barcelona or vienna");
    }
}
