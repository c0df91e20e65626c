package dev.scenes.trainer.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which layers of the int8 model stay in float32: the rule behind {@code ./scenes train
 * --float-layers}.
 *
 * <p>{@link #FIRST_CONV} (the default) keeps the network's first convolution in float when it reads
 * the single input channel (the normalised log-mel): a batch-norm-folded float {@code Conv} with
 * its ReLU, followed by the {@code QuantizeLinear} that feeds the int8 rest of the graph, whose
 * input range is calibrated as before. With one input channel ONNX Runtime's quantized convolution
 * is an im2col of {@code kh x kw} values per output and a GEMM with a reduction depth of only
 * {@code kh x kw}, while its float kernel convolves directly: measured on the DCASE 2021 baseline,
 * the first layer took 1.02 ms in int8 against 0.27 ms in float (docs/PERFORMANCE.md). Its
 * parameters count at 4 bytes each in the DCASE size (144 + 16 of cpmobile-s, 784 + 16 of the
 * baseline). Every other convolution and dense layer stays int8.
 *
 * <p>{@link #NONE} quantizes every convolution and dense layer.
 *
 * <p>Only a layer at the float edge of the graph stays float in ONNX Runtime. At graph optimisation
 * level {@code ALL} Runtime quantizes the float weights of a convolution that reads a {@code
 * DequantizeLinear} and feeds a {@code QuantizeLinear} itself (symmetric per-tensor int8) and fuses
 * it into a {@code QLinearConv}, so a float layer inside the int8 chain would run as int8 with
 * coarser weights; breaking that pattern keeps it float but costs layout changes around it. That is
 * why there is no choice for the depthwise convolutions of cpmobile-s, whose int8 kernel is slower
 * than the float one: measured in docs/PERFORMANCE.md, keeping them float made the model slower.
 */
public enum FloatLayers {

    /** Every convolution and dense layer int8. */
    NONE("none"),

    /** The first convolution stays float when it reads a single input channel. */
    FIRST_CONV("first-conv");

    private final String option;

    FloatLayers(String option) {
        this.option = option;
    }

    /** The command-line spelling: {@code none} or {@code first-conv}. */
    public String option() {
        return option;
    }

    /**
     * Parses a command-line value.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static FloatLayers parse(String value) {
        for (FloatLayers f : values()) {
            if (f.option.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "--float-layers "
                        + value
                        + " is unknown; expected one of "
                        + Arrays.stream(values())
                                .map(FloatLayers::option)
                                .collect(Collectors.joining(", ")));
    }

    /**
     * The ids of the operations of {@code net} that stay float: for {@link #FIRST_CONV} the first
     * top-level convolution, if no other convolution, dense layer or residual block comes before it
     * and it reads one input channel ({@code groups = 1}, weights {@code [filters, 1, kh, kw]}).
     */
    public Set<String> select(FoldedNetwork net) {
        if (this == NONE) {
            return Set.of();
        }
        for (Op op : net.ops()) {
            if (op instanceof Op.Conv c) {
                return c.groups() == 1 && c.weight().dim(1) == 1 ? Set.of(c.id()) : Set.of();
            }
            if (op instanceof Op.Dense || op instanceof Op.Add) {
                return Set.of();
            }
        }
        return Set.of();
    }

    /**
     * Suffix of the quantization tag in the model metadata: {@code ""} or {@code
     * -float-first-conv}.
     */
    String quantizationSuffix() {
        return this == NONE ? "" : "-float-" + option;
    }
}
