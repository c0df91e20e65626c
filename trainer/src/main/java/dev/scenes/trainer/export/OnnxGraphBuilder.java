package dev.scenes.trainer.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small builder of ONNX graphs over the {@code OnnxMl} protobuf classes, in the spirit of
 * Tribuo's {@code ONNXContext}: initializers and nodes are added by name, names are checked for
 * uniqueness, and {@link #build} wraps the graph in a model with opset {@value #OPSET} and the
 * given {@code metadata_props}.
 */
public final class OnnxGraphBuilder {

    /** The default-domain opset of every exported model. */
    public static final int OPSET = 17;

    /** The ONNX IR version that goes with opset 17. */
    public static final int IR_VERSION = 8;

    /** Producer written into every model. */
    public static final String PRODUCER = "scenes-trainer";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    /** A builder for a graph called {@code name}. */
    public OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    /** A graph attribute, built with the static factories. */
    public record Attr(AttributeProto proto) {

        /** An integer attribute. */
        public static Attr of(String name, long value) {
            return new Attr(
                    AttributeProto.newBuilder()
                            .setName(name)
                            .setType(AttributeProto.AttributeType.INT)
                            .setI(value)
                            .build());
        }

        /** An integer-list attribute. */
        public static Attr ints(String name, long... values) {
            AttributeProto.Builder b =
                    AttributeProto.newBuilder()
                            .setName(name)
                            .setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
            return new Attr(b.build());
        }
    }

    /**
     * Declares a float32 graph input; each dimension is a {@code Long} extent or a {@code String}
     * symbolic name.
     */
    public void floatInput(String name, Object... dims) {
        claim(name);
        graph.addInput(valueInfo(name, dims));
    }

    /** Declares a float32 graph output; dimensions as in {@link #floatInput}, none if unknown. */
    public void floatOutput(String name, Object... dims) {
        graph.addOutput(valueInfo(name, dims));
    }

    /** Adds a float32 initializer; returns its name. */
    public String floats(String name, float[] values, long... dims) {
        ByteBuffer buf = buffer(4 * values.length);
        for (float v : values) {
            buf.putFloat(v);
        }
        return initializer(name, TensorProto.DataType.FLOAT, buf, dims);
    }

    /** Adds an int8 initializer; returns its name. */
    public String int8s(String name, byte[] values, long... dims) {
        return initializer(name, TensorProto.DataType.INT8, ByteBuffer.wrap(values), dims);
    }

    /** Adds a uint8 initializer of values in 0..255; returns its name. */
    public String uint8s(String name, int[] values, long... dims) {
        ByteBuffer buf = buffer(values.length);
        for (int v : values) {
            buf.put((byte) v);
        }
        return initializer(name, TensorProto.DataType.UINT8, buf, dims);
    }

    /** Adds an int32 initializer; returns its name. */
    public String int32s(String name, int[] values, long... dims) {
        ByteBuffer buf = buffer(4 * values.length);
        for (int v : values) {
            buf.putInt(v);
        }
        return initializer(name, TensorProto.DataType.INT32, buf, dims);
    }

    /**
     * Adds a node of {@code opType} (default domain) reading {@code inputs} and writing {@code
     * output}; returns {@code output}.
     */
    public String node(String opType, List<String> inputs, String output, Attr... attrs) {
        claim(output);
        NodeProto.Builder n =
                NodeProto.newBuilder()
                        .setOpType(opType)
                        .setName(output + "/" + opType)
                        .addAllInput(inputs)
                        .addOutput(output);
        for (Attr a : attrs) {
            n.addAttribute(a.proto());
        }
        graph.addNode(n);
        return output;
    }

    /** The model: this graph, opset {@value #OPSET}, and {@code metadata} as metadata_props. */
    public ModelProto build(Map<String, String> metadata, String docString) {
        ModelProto.Builder m =
                ModelProto.newBuilder()
                        .setIrVersion(IR_VERSION)
                        .setProducerName(PRODUCER)
                        .setProducerVersion(producerVersion())
                        .setDocString(docString)
                        .addOpsetImport(
                                OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                        .setGraph(graph);
        metadata.forEach(
                (k, v) ->
                        m.addMetadataProps(
                                StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private String initializer(
            String name, TensorProto.DataType type, ByteBuffer data, long... dims) {
        claim(name);
        data.rewind();
        TensorProto.Builder t =
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(type.getNumber())
                        .setRawData(ByteString.copyFrom(data));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException(
                    "ONNX tensor name " + name + " is defined twice in graph " + graph.getName());
        }
    }

    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TypeProto.Tensor.Builder t =
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber());
        if (dims.length > 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (Object d : dims) {
                TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
                if (d instanceof String s) {
                    dim.setDimParam(s);
                } else {
                    dim.setDimValue(((Number) d).longValue());
                }
                shape.addDim(dim);
            }
            t.setShape(shape);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(t))
                .build();
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String producerVersion() {
        String v = OnnxGraphBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
