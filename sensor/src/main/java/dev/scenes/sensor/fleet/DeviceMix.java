package dev.scenes.sensor.fleet;

import dev.scenes.audio.device.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which recording device each simulated sensor has: sensor {@code i} gets {@code devices[i mod n]},
 * so the fleet's device distribution is the list's, exactly (to within one sensor per device).
 *
 * <p>Named mixes: {@code default} = all nine TAU devices ({@code a, b, c, s1..s6}: a third of the
 * fleet on devices the model never saw in training), {@code seen} = {@code a, b, c, s1..s3}, {@code
 * unseen} = {@code s4..s6}, {@code reference} = {@code a}. A list may repeat devices to weight them
 * ({@code a,a,b}) and use ranges of simulated devices ({@code s1..s6}).
 *
 * @param devices the devices in assignment order, not empty
 */
public record DeviceMix(List<Device> devices) {

    /** Checks the list. */
    public DeviceMix {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a device mix needs at least one device");
        }
    }

    /** All nine devices, one ninth each. */
    public static DeviceMix defaults() {
        return new DeviceMix(List.of(Device.values()));
    }

    /**
     * A named mix: {@code default}, {@code seen}, {@code unseen} or {@code reference}.
     *
     * @throws IllegalArgumentException naming the known mixes
     */
    public static DeviceMix named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "default", "all" -> defaults();
            case "seen" -> parse("a,b,c,s1..s3");
            case "unseen" -> parse("s4..s6");
            case "reference" -> parse("a");
            default ->
                    throw new IllegalArgumentException(
                            "unknown device mix '"
                                    + name
                                    + "'; expected default, seen, unseen or reference (or --devices"
                                    + " a,b,...)");
        };
    }

    /**
     * A list such as {@code a,b,c,s1..s6}.
     *
     * @throws IllegalArgumentException naming the item that is not a device or range
     */
    public static DeviceMix parse(String list) {
        List<Device> devices = new ArrayList<>();
        for (String item : list.split(",")) {
            String label = item.strip();
            if (label.isEmpty()) {
                throw new IllegalArgumentException(
                        "device list '" + list + "' has an empty item; expected e.g. a,b,c,s1..s6");
            }
            int range = label.indexOf("..");
            if (range < 0) {
                devices.add(Device.fromLabel(label));
                continue;
            }
            Device from = Device.fromLabel(label.substring(0, range));
            Device to = Device.fromLabel(label.substring(range + 2));
            if (to.ordinal() < from.ordinal()) {
                throw new IllegalArgumentException(
                        "device range '" + label + "' runs backwards; expected e.g. s1..s6");
            }
            for (int d = from.ordinal(); d <= to.ordinal(); d++) {
                devices.add(Device.values()[d]);
            }
        }
        return new DeviceMix(devices);
    }

    /** The device of sensor {@code index}. */
    public Device deviceOf(int index) {
        return devices.get(Math.floorMod(index, devices.size()));
    }

    /** The list as it would be parsed, e.g. {@code a,b,c,s1,s2,s3,s4,s5,s6}. */
    @Override
    public String toString() {
        return devices.stream().map(Device::label).collect(Collectors.joining(","));
    }

    /** Equality of the lists. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceMix m && devices.equals(m.devices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(devices);
    }
}
