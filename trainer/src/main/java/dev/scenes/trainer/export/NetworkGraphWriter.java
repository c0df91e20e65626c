package dev.scenes.trainer.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.scenes.trainer.export.OnnxGraphBuilder.Attr;
import dev.scenes.trainer.model.Architecture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link FoldedNetwork} as an ONNX graph, in float32 or as an int8 QDQ graph.
 *
 * <p>Both graphs take {@value #INPUT} {@code [batch, 1, mels, frames]} float32 raw log-mel
 * energies, normalise per band in float ({@code Sub}, {@code Div}) and end with {@code Softmax}
 * named {@value #OUTPUT}. Activations are named {@code a<layer path>} in both, so ranges calibrated
 * on the float graph ({@link #fp32WithTaps}) key the quantization of the int8 one.
 *
 * <p>The int8 layout is the one ONNX Runtime fuses into quantized kernels: every convolution and
 * dense layer reads {@code DequantizeLinear} of a uint8 activation, of int8 weights (per output
 * channel, {@code axis=0}, zero point 0) and of an int32 bias (scale = input scale x weight scale),
 * and its output goes straight into {@code QuantizeLinear}, so {@code DQ -> Conv -> Q} becomes
 * {@code QLinearConv}, {@code Gemm} becomes {@code QGemm}, and residual sums {@code QLinearAdd}. A
 * fused ReLU is not written: its output range starts at 0, so the quantizer's zero point is 0 and
 * saturation does the ReLU. Max pooling and flattening keep their input's scale, so Runtime runs
 * them on uint8 directly.
 *
 * <p>Layers named by {@link FloatLayers} (by default the first convolution, which reads the single
 * input channel) are written in float inside the int8 graph, with their ReLU; the next quantized
 * layer quantizes their output with its calibrated range, so the graph goes {@code Max -> Conv ->
 * Relu -> QuantizeLinear -> DequantizeLinear -> (QLinearConv ...)}.
 */
public final class NetworkGraphWriter {

    /** Name of the model input. */
    public static final String INPUT = "logmel";

    /** Name of the model output. */
    public static final String OUTPUT = "probabilities";

    /** Symbolic name of the batch dimension. */
    public static final String BATCH = "batch";

    /**
     * A float graph that also outputs every activation, for calibration.
     *
     * @param model the graph
     * @param activations names of the extra outputs, in execution order
     */
    public record Tapped(ModelProto model, List<String> activations) {}

    private record Value(String name, ActivationQuant quant) {
        boolean quantized() {
            return quant != null;
        }
    }

    private final OnnxGraphBuilder g;
    private final ActivationRanges ranges;
    private final Set<String> floatIds;
    private final List<String> activations = new ArrayList<>();
    private final Map<String, Value> quantizedCopies = new HashMap<>();

    private NetworkGraphWriter(String graphName, ActivationRanges ranges, Set<String> floatIds) {
        this.g = new OnnxGraphBuilder(graphName);
        this.ranges = ranges;
        this.floatIds = floatIds;
    }

    /** The float32 model of {@code net} with {@code metadata} as its metadata_props. */
    public static ModelProto fp32(FoldedNetwork net, Map<String, String> metadata) {
        NetworkGraphWriter w =
                new NetworkGraphWriter(net.architecture().name() + "-fp32", null, Set.of());
        w.emitNetwork(net);
        return w.g.build(metadata, docString(net, "float32"));
    }

    /** The float32 model with every activation {@code a<path>} as an extra output. */
    public static Tapped fp32WithTaps(FoldedNetwork net) {
        NetworkGraphWriter w =
                new NetworkGraphWriter(net.architecture().name() + "-taps", null, Set.of());
        w.emitNetwork(net);
        for (String a : w.activations) {
            w.g.floatOutput(a);
        }
        return new Tapped(w.g.build(Map.of(), "calibration taps"), List.copyOf(w.activations));
    }

    /**
     * The int8 QDQ model of {@code net}, activations quantized with {@code ranges}, the layers
     * {@code floatLayers} selects kept in float.
     *
     * @throws IllegalArgumentException if an activation lacks a calibrated range
     */
    public static ModelProto int8(
            FoldedNetwork net,
            ActivationRanges ranges,
            FloatLayers floatLayers,
            Map<String, String> metadata) {
        Set<String> floats = floatLayers.select(net);
        NetworkGraphWriter w =
                new NetworkGraphWriter(net.architecture().name() + "-int8", ranges, floats);
        w.emitNetwork(net);
        String kind =
                "int8 QDQ, per-channel weights"
                        + (floats.isEmpty() ? "" : "; float layers " + new TreeSet<>(floats));
        return w.g.build(metadata, docString(net, kind));
    }

    private static String docString(FoldedNetwork net, String kind) {
        Architecture a = net.architecture();
        return a.name() + " (" + kind + "): " + a.description();
    }

    private boolean int8() {
        return ranges != null;
    }

    private void emitNetwork(FoldedNetwork net) {
        Architecture a = net.architecture();
        g.floatInput(INPUT, BATCH, 1L, (long) a.mels(), (long) a.frames());
        g.floatOutput(OUTPUT, BATCH, (long) a.classes());
        emit(net.ops(), new Value(INPUT, null));
    }

    private Value emit(List<Op> ops, Value in) {
        Value x = in;
        for (Op op : ops) {
            x = emit(op, x);
        }
        return x;
    }

    private Value emit(Op op, Value x) {
        String out = "a" + op.id();
        if (op instanceof Op.Normalize n) {
            long[] dims = {1, 1, n.mean().length, 1};
            String mean = g.floats("norm_mean", n.mean(), dims);
            String std = g.floats("norm_std", n.std(), dims);
            String centred = g.node("Sub", List.of(x.name(), mean), out + "_centred");
            if (!n.clamped()) {
                return produced(g.node("Div", List.of(centred, std), out));
            }
            String scaled = g.node("Div", List.of(centred, std), out + "_scaled");
            String floor = g.floats("norm_floor", new float[] {n.floor()});
            return produced(g.node("Max", List.of(scaled, floor), out));
        } else if (op instanceof Op.Conv c) {
            long[] w = c.weight().shape();
            Attr[] attrs = {
                Attr.ints("kernel_shape", w[2], w[3]),
                Attr.ints("strides", c.strideH(), c.strideW()),
                Attr.ints("pads", c.padH(), c.padW(), c.padH(), c.padW()),
                Attr.ints("dilations", 1, 1),
                Attr.of("group", c.groups())
            };
            return linear("Conv", op.id(), c.weight(), c.bias(), c.relu(), x, attrs);
        } else if (op instanceof Op.Dense d) {
            return linear("Gemm", op.id(), d.weight(), d.bias(), d.relu(), x, Attr.of("transB", 1));
        } else if (op instanceof Op.MaxPool p) {
            return keepingScale(
                    "MaxPool",
                    out,
                    x,
                    Attr.ints("kernel_shape", p.kernelH(), p.kernelW()),
                    Attr.ints("strides", p.strideH(), p.strideW()));
        } else if (op instanceof Op.Flatten) {
            return keepingScale("Flatten", out, x, Attr.of("axis", 1));
        } else if (op instanceof Op.AvgPool p) {
            return produced(
                    g.node(
                            "AveragePool",
                            List.of(x.name()),
                            out,
                            Attr.ints("kernel_shape", p.kernelH(), p.kernelW()),
                            Attr.ints("strides", p.strideH(), p.strideW())));
        } else if (op instanceof Op.GlobalAvgPool) {
            String pooled = g.node("GlobalAveragePool", List.of(x.name()), out + "_pooled");
            return produced(g.node("Flatten", List.of(pooled), out, Attr.of("axis", 1)));
        } else if (op instanceof Op.Relu) {
            return produced(g.node("Relu", List.of(x.name()), out));
        } else if (op instanceof Op.Add a) {
            Value body = emit(a.body(), x);
            Value shortcut = a.shortcut().isEmpty() ? x : emit(a.shortcut(), x);
            if (int8()) {
                body = quantized(body);
                shortcut = quantized(shortcut);
            }
            String sum =
                    g.node(
                            "Add",
                            List.of(body.name(), shortcut.name()),
                            resultName(out, a.relu(), int8()));
            return finish(sum, out, a.relu(), int8());
        } else if (op instanceof Op.Softmax) {
            return new Value(
                    g.node("Softmax", List.of(x.name()), OUTPUT, Attr.of("axis", 1)), null);
        }
        throw new IllegalStateException("no ONNX rule for " + op);
    }

    /** Conv or Gemm: float weights, or int8 per-channel weights with an int32 bias. */
    private Value linear(
            String opType,
            String id,
            dev.scenes.trainer.model.Tensor weight,
            float[] bias,
            boolean relu,
            Value x,
            Attr... attrs) {
        String out = "a" + id;
        long channels = weight.shape()[0];
        String w;
        String b;
        Value in = x;
        boolean quantize = int8() && !floatIds.contains(id);
        if (!quantize) {
            w = g.floats("w" + id, weight.values(), weight.shape());
            b = g.floats("b" + id, bias, channels);
        } else {
            in = quantized(x);
            ChannelQuantizedWeights q = ChannelQuantizedWeights.of(weight);
            String wq = g.int8s("w" + id + "_q", q.values(), weight.shape());
            String ws = g.floats("w" + id + "_scale", q.scales(), channels);
            String wz = g.int8s("w" + id + "_zp", new byte[(int) channels], channels);
            w = g.node("DequantizeLinear", List.of(wq, ws, wz), "w" + id, Attr.of("axis", 0));
            float[] bScale = new float[(int) channels];
            int[] bq = new int[(int) channels];
            for (int c = 0; c < channels; c++) {
                bScale[c] = in.quant().scale() * q.scales()[c];
                double v = Math.rint((double) bias[c] / bScale[c]);
                bq[c] = (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, v));
            }
            String bqName = g.int32s("b" + id + "_q", bq, channels);
            String bs = g.floats("b" + id + "_scale", bScale, channels);
            String bz = g.int32s("b" + id + "_zp", new int[(int) channels], channels);
            b = g.node("DequantizeLinear", List.of(bqName, bs, bz), "b" + id, Attr.of("axis", 0));
        }
        String y = g.node(opType, List.of(in.name(), w, b), resultName(out, relu, quantize), attrs);
        return finish(y, out, relu, quantize);
    }

    /**
     * Ends an operation whose float result is {@code y}: in float (or a float layer), an optional
     * ReLU named {@code out}; quantized, quantize-dequantize into {@code out} with its calibrated
     * range (ReLU by saturation when the zero point is 0).
     */
    private Value finish(String y, String out, boolean relu, boolean quantize) {
        if (!quantize) {
            return produced(relu ? g.node("Relu", List.of(y), out) : y);
        }
        activations.add(out);
        ActivationQuant q = ActivationQuant.uint8(ranges.get(out));
        String src = y;
        if (relu && q.zeroPoint() != 0) {
            src = g.node("Relu", List.of(y), out + "_relu");
        }
        return qdq(src, out, q);
    }

    /** The name of an operation's raw result: {@code out} itself unless a ReLU or Q/DQ follows. */
    private String resultName(String out, boolean relu, boolean quantize) {
        return quantize || relu ? out + "_f" : out;
    }

    /** Order-preserving data movement: in int8 it keeps the input's quantization. */
    private Value keepingScale(String opType, String out, Value x, Attr... attrs) {
        if (!int8() || !x.quantized()) {
            return produced(g.node(opType, List.of(x.name()), out, attrs));
        }
        activations.add(out);
        String y = g.node(opType, List.of(x.name()), out + "_f", attrs);
        return qdq(y, out, x.quant());
    }

    /** {@code x}, quantize-dequantized with its calibrated range if it is still float. */
    private Value quantized(Value x) {
        if (x.quantized()) {
            return x;
        }
        return quantizedCopies.computeIfAbsent(
                x.name(), n -> qdq(n, n + "_dq", ActivationQuant.uint8(ranges.get(n))));
    }

    private Value qdq(String src, String out, ActivationQuant q) {
        String scale = g.floats(out + "_scale", new float[] {q.scale()});
        String zp = g.uint8s(out + "_zp", new int[] {q.zeroPoint()});
        String codes = g.node("QuantizeLinear", List.of(src, scale, zp), out + "_q");
        return new Value(g.node("DequantizeLinear", List.of(codes, scale, zp), out), q);
    }

    private Value produced(String name) {
        activations.add(name);
        return new Value(name, null);
    }
}
