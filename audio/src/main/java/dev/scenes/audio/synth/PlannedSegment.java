package dev.scenes.audio.synth;

import dev.scenes.audio.device.Device;
import java.util.List;

/**
 * One 10-second segment of a generated dataset: a location, a segment number, which split its
 * location belongs to, and the devices that "recorded" it (device a always; the others are the same
 * segment through their device models, as in TAU).
 *
 * @param location where it was recorded
 * @param segment the segment number within the location
 * @param evaluation true if the location is held out for evaluation
 * @param devices the devices whose files this segment produces, a first
 * @param seed the seed of the segment's audio
 */
public record PlannedSegment(
        Location location, int segment, boolean evaluation, List<Device> devices, long seed) {

    /** Copies the device list. */
    public PlannedSegment {
        devices = List.copyOf(devices);
    }

    /** The TAU file name of this segment on {@code device}, relative to the dataset root. */
    public String filename(Device device) {
        return "audio/"
                + location.scene().label()
                + "-"
                + location.identifier()
                + "-"
                + segment
                + "-"
                + device.label()
                + ".wav";
    }
}
