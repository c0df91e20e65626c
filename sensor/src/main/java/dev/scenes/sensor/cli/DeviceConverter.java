package dev.scenes.sensor.cli;

import dev.scenes.audio.device.Device;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a TAU device label: {@code a}, {@code b}, {@code c}, {@code s1}..{@code s6}. */
final class DeviceConverter implements ITypeConverter<Device> {

    @Override
    public Device convert(String value) {
        try {
            return Device.fromLabel(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
