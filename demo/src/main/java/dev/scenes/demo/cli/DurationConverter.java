package dev.scenes.demo.cli;

import dev.scenes.pipeline.job.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            // The acceptance runs `--duration 60`: a bare number means seconds.
            return value.strip().matches("\\d+")
                    ? Duration.ofSeconds(Long.parseLong(value.strip()))
                    : Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
