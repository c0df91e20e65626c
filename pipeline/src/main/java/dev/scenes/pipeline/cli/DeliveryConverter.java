package dev.scenes.pipeline.cli;

import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code exactly-once} or {@code at-least-once}. */
final class DeliveryConverter implements ITypeConverter<DeliveryGuarantee> {

    @Override
    public DeliveryGuarantee convert(String value) {
        return switch (value) {
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            default ->
                    throw new TypeConversionException(
                            "'"
                                    + value
                                    + "' is not a delivery; expected exactly-once or at-least-once");
        };
    }

    /** The option's spelling of {@code guarantee}. */
    static String name(DeliveryGuarantee guarantee) {
        return guarantee.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
