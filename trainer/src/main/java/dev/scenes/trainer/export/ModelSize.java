package dev.scenes.trainer.export;

import dev.scenes.trainer.model.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Size and complexity of an exported model by the DCASE 2021 Task 1a rule: non-zero parameters of
 * all layers times the bytes each is stored in, KB = 1024 bytes, limit 128 KB.
 *
 * <p>Accounting of the int8 model (batch norm already folded away): int8 weights count 1 byte each
 * (zeros after quantization are not counted); int32 biases count 4 bytes each, since that is how
 * they are stored and the DCASE calculator counts each parameter at its stored width; the per-band
 * input mean and standard deviation count 4 bytes each (float32), as does the normalisation's lower
 * clamp when there is one; the weights of a layer the int8 model keeps in float ({@link
 * FloatLayers}, by default the first convolution) count 4 bytes each. Quantization scales and zero
 * points are not parameters and are not counted. The float model counts 4 bytes for everything.
 * MACs are those of convolutions and dense layers for one 10-second segment.
 *
 * @param nonZeroParameters parameters that are not zero
 * @param bytes their storage in bytes
 * @param macsPerSegment multiply-accumulates per segment
 */
public record ModelSize(long nonZeroParameters, long bytes, long macsPerSegment) {

    /** The DCASE 2021 Task 1a limit: 128 KB of non-zero parameters. */
    public static final long DCASE2021_LIMIT_BYTES = 128 * 1024;

    /**
     * The size of the int8 model that keeps {@code floatLayers} in float (see the record
     * description).
     */
    public static ModelSize int8(FoldedNetwork net, FloatLayers floatLayers) {
        long[] acc = new long[2];
        count(net.ops(), floatLayers.select(net), acc);
        return new ModelSize(acc[0], acc[1], net.architecture().macsPerSegment());
    }

    /** The float32 model's size: every non-zero parameter at 4 bytes. */
    public static ModelSize fp32(FoldedNetwork net) {
        long[] acc = new long[2];
        count(net.ops(), null, acc);
        return new ModelSize(acc[0], acc[1], net.architecture().macsPerSegment());
    }

    /** Size in KB (1024 bytes). */
    public double kilobytes() {
        return bytes / 1024.0;
    }

    /** Whether the size is within the DCASE 2021 limit. */
    public boolean withinDcase2021Limit() {
        return bytes <= DCASE2021_LIMIT_BYTES;
    }

    /**
     * Refuses a model over the DCASE 2021 limit unless {@code allowOversize}.
     *
     * @throws OversizeModelException saying by how much and what to do
     */
    public void requireWithinLimit(String architecture, boolean allowOversize) {
        if (!withinDcase2021Limit() && !allowOversize) {
            throw new OversizeModelException(
                    String.format(
                            Locale.ROOT,
                            "model %s has %,d non-zero parameters = %.1f KB at int8 (%,d bytes:"
                                    + " int8 weights, int32 biases, float32 band normalisation"
                                    + " and float layers);"
                                    + " the DCASE 2021 limit is 128 KB; reduce width or pass"
                                    + " --allow-oversize",
                            architecture,
                            nonZeroParameters,
                            kilobytes(),
                            bytes));
        }
    }

    /** Counts {@code ops}; {@code floatIds} null for the float model, else the float layers. */
    private static void count(List<Op> ops, Set<String> floatIds, long[] acc) {
        for (Op op : ops) {
            if (op instanceof Op.Normalize n) {
                add(n.mean(), 4, acc);
                add(n.std(), 4, acc);
                if (n.clamped()) {
                    add(new float[] {n.floor()}, 4, acc);
                }
            } else if (op instanceof Op.Conv c) {
                weights(c.weight(), floatIds != null && !floatIds.contains(c.id()), acc);
                add(c.bias(), 4, acc);
            } else if (op instanceof Op.Dense d) {
                weights(d.weight(), floatIds != null && !floatIds.contains(d.id()), acc);
                add(d.bias(), 4, acc);
            } else if (op instanceof Op.Add a) {
                count(a.body(), floatIds, acc);
                count(a.shortcut(), floatIds, acc);
            }
        }
    }

    private static void weights(Tensor w, boolean int8, long[] acc) {
        if (int8) {
            long nz = ChannelQuantizedWeights.of(w).nonZero();
            acc[0] += nz;
            acc[1] += nz;
        } else {
            add(w.values(), 4, acc);
        }
    }

    private static void add(float[] values, int bytesEach, long[] acc) {
        for (float v : values) {
            if (v != 0) {
                acc[0]++;
                acc[1] += bytesEach;
            }
        }
    }
}
