package dev.scenes.pipeline.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.FloatPrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Flink's own {@code float[]} serializer is the oracle: same bytes, either way. */
class FrameBlockSerializerTest {

    private static final FloatPrimitiveArraySerializer FLINK =
            FloatPrimitiveArraySerializer.INSTANCE;
    private static final FrameBlockSerializer BULK = FrameBlockSerializer.INSTANCE;

    /** Lengths around the bulk writes' size, and a block of 50 frames of 40 bands. */
    private static final int[] LENGTHS = {0, 1, 7, 2047, 2048, 2049, 2000, 6001};

    @Test
    void writesTheSameBytesAsFlinksFloatArraySerializer() throws Exception {
        for (int length : LENGTHS) {
            float[] block = block(length, length);
            assertThat(bytes(BULK, block)).as("length %d", length).isEqualTo(bytes(FLINK, block));
        }
    }

    @Test
    void readsWhatFlinksSerializerWroteBitForBit() throws Exception {
        for (int length : LENGTHS) {
            float[] block = block(length, 31 + length);
            float[] read = BULK.deserialize(new DataInputDeserializer(bytes(FLINK, block)));
            assertThat(bits(read)).as("length %d", length).isEqualTo(bits(block));
        }
    }

    @Test
    void copiesSerializedBlocksBetweenStreamsUnchanged() throws Exception {
        float[] first = block(2049, 1);
        float[] second = block(3, 2);
        DataOutputSerializer in = new DataOutputSerializer(64);
        BULK.serialize(first, in);
        BULK.serialize(second, in);
        DataInputDeserializer source = new DataInputDeserializer(in.getCopyOfBuffer());
        // Flink's DataOutputSerializer does not grow for a copy from an input view (neither for its
        // own float[] serializer's copy), hence the room.
        DataOutputSerializer target = new DataOutputSerializer(1 << 16);
        BULK.copy(source, target);
        BULK.copy(source, target);
        assertThat(target.getCopyOfBuffer()).isEqualTo(in.getCopyOfBuffer());
    }

    @Test
    void acceptsTheStateOfFlinksSerializerAsIs() {
        TypeSerializerSnapshot<float[]> old = FLINK.snapshotConfiguration();
        assertThat(BULK.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAsIs())
                .isTrue();
        assertThat(
                        BULK.snapshotConfiguration()
                                .resolveSchemaCompatibility(BULK.snapshotConfiguration())
                                .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void keyedStateCheckpointedWithFlinksSerializerRestoresWithTheBulkOne() throws Exception {
        float[] block = block(2000, 7);
        OperatorSubtaskState written;
        try (var h = harness(FLINK)) {
            h.initializeEmptyState();
            h.open();
            h.processElement("s1/put", 0);
            written = h.snapshot(1, 1);
        }
        try (var h = harness(BULK)) {
            h.initializeState(written);
            h.open();
            h.processElement("s1/get", 0);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(bits(h.extractOutputValues().get(0))).isEqualTo(bits(block));
        }
    }

    /**
     * A keyed function with one frame-block map state: "key/put" stores {@code block(2000, 7)}
     * under 3, "key/get" emits what is stored there.
     */
    private static KeyedOneInputStreamOperatorTestHarness<String, String, float[]> harness(
            TypeSerializer<float[]> serializer) throws Exception {
        KeyedProcessFunction<String, String, float[]> function =
                new KeyedProcessFunction<>() {
                    private transient MapState<Long, float[]> blocks;

                    @Override
                    public void open(OpenContext c) {
                        blocks =
                                getRuntimeContext()
                                        .getMapState(
                                                new MapStateDescriptor<>(
                                                        "mel-frame-blocks",
                                                        LongSerializer.INSTANCE,
                                                        serializer));
                    }

                    @Override
                    public void processElement(String command, Context ctx, Collector<float[]> out)
                            throws Exception {
                        if (command.endsWith("/put")) {
                            blocks.put(3L, block(2000, 7));
                        } else {
                            out.collect(blocks.get(3L));
                        }
                    }
                };
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), c -> c.split("/")[0], Types.STRING);
    }

    /** Log-mel-like values, with the special floats a serializer could get wrong. */
    private static float[] block(int length, long seed) {
        Random random = new Random(seed);
        float[] block = new float[length];
        for (int i = 0; i < length; i++) {
            block[i] = (float) (random.nextGaussian() * 10 - 30);
        }
        float[] special = {
            -0.0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-40f
        };
        for (int i = 0; i < Math.min(length, special.length); i++) {
            block[(int) ((i * 7919L) % length)] = special[i];
        }
        return block;
    }

    private static byte[] bytes(TypeSerializer<float[]> serializer, float[] block)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(block, out);
        return out.getCopyOfBuffer();
    }

    private static List<Integer> bits(float[] values) {
        List<Integer> bits = new ArrayList<>(values.length);
        for (float v : values) {
            bits.add(Float.floatToRawIntBits(v));
        }
        return bits;
    }
}
