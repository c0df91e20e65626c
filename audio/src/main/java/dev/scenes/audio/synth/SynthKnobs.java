package dev.scenes.audio.synth;

/**
 * The difficulty knobs of the synthesizer, in one value so that the trainer can calibrate a dataset
 * (e.g. DCASE baseline accuracy 45-75 % with a seen/unseen device gap) from the command line,
 * without code changes.
 *
 * @param eventDensity multiplies the rate of every foreground event (vehicles, announcements,
 *     chimes, birds, footsteps, real recordings); 1 = the scene models' natural rates
 * @param snrMinDb lower end of the level of foreground events over the background bed, in dB
 * @param snrMaxDb upper end of that range; each event type of each clip draws its level in it
 * @param deviceSeverity scales how far the simulated devices depart from device a (0 = every device
 *     sounds like a, 1 = the documented device profiles)
 * @param locationSpread scales how much locations of one scene differ from each other (level,
 *     densities, room, dominant frequencies); 0 = all locations of a scene alike
 * @param recordedEventsPerMinute mean rate of real recordings mixed in (with an events folder)
 */
public record SynthKnobs(
        double eventDensity,
        double snrMinDb,
        double snrMaxDb,
        double deviceSeverity,
        double locationSpread,
        double recordedEventsPerMinute) {

    /** Validates the ranges. */
    public SynthKnobs {
        require(eventDensity >= 0 && eventDensity <= 10, "eventDensity", eventDensity, "0..10");
        require(snrMinDb >= -30 && snrMinDb <= 40, "snrMinDb", snrMinDb, "-30..40 dB");
        require(
                snrMaxDb >= snrMinDb && snrMaxDb <= 40,
                "snrMaxDb",
                snrMaxDb,
                "snrMinDb (" + snrMinDb + ")..40 dB");
        require(
                deviceSeverity >= 0 && deviceSeverity <= 3,
                "deviceSeverity",
                deviceSeverity,
                "0..3");
        require(
                locationSpread >= 0 && locationSpread <= 3,
                "locationSpread",
                locationSpread,
                "0..3");
        require(
                recordedEventsPerMinute >= 0 && recordedEventsPerMinute <= 60,
                "recordedEventsPerMinute",
                recordedEventsPerMinute,
                "0..60");
    }

    /**
     * The defaults: natural event rates, events -6..+6 dB around the bed, full device profiles,
     * full location spread, 4 real recordings per minute.
     */
    public static SynthKnobs defaults() {
        return new SynthKnobs(1.0, -6.0, 6.0, 1.0, 1.0, 4.0);
    }

    /** A copy with another event density. */
    public SynthKnobs withEventDensity(double value) {
        return new SynthKnobs(
                value, snrMinDb, snrMaxDb, deviceSeverity, locationSpread, recordedEventsPerMinute);
    }

    /** A copy with another location spread. */
    public SynthKnobs withLocationSpread(double value) {
        return new SynthKnobs(
                eventDensity, snrMinDb, snrMaxDb, deviceSeverity, value, recordedEventsPerMinute);
    }

    private static void require(boolean ok, String name, double value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "synth knob " + name + " is " + value + "; expected " + range);
        }
    }
}
