package dev.scenes.pipeline.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.common.typeutils.base.array.FloatPrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The state serializer of the mel-frame blocks ({@link FrameStore}): Flink's {@code float[]} format
 * (the length as an int, then each float's big-endian bits), written and read in bulk.
 *
 * <p>Flink's own {@link FloatPrimitiveArraySerializer} writes one float at a time, and a checkpoint
 * stream takes each of its four bytes in a call of its own: at 1000 sensors the checkpoints of the
 * frame blocks (80 KB per sensor) cost the job more CPU than reading the chunks' Avro. The bytes
 * are the same, so a checkpoint or savepoint written with Flink's serializer restores with this one
 * ({@link Snapshot#resolveSchemaCompatibility}).
 */
public final class FrameBlockSerializer extends TypeSerializerSingleton<float[]> {

    private static final long serialVersionUID = 1L;

    /** The serializer: it has no state. */
    public static final FrameBlockSerializer INSTANCE = new FrameBlockSerializer();

    /** Floats converted per bulk write, so the temporary buffer stays small. */
    private static final int FLOATS_PER_WRITE = 2048;

    private static final float[] EMPTY = new float[0];

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public float[] createInstance() {
        return EMPTY;
    }

    @Override
    public float[] copy(float[] from) {
        return Arrays.copyOf(from, from.length);
    }

    @Override
    public float[] copy(float[] from, float[] reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(float[] record, DataOutputView target) throws IOException {
        if (record == null) {
            throw new IllegalArgumentException("a mel-frame block is never null");
        }
        target.writeInt(record.length);
        ByteBuffer bytes =
                ByteBuffer.allocate(4 * Math.min(record.length, FLOATS_PER_WRITE)); // big-endian
        for (int from = 0; from < record.length; from += FLOATS_PER_WRITE) {
            int n = Math.min(FLOATS_PER_WRITE, record.length - from);
            bytes.clear();
            bytes.asFloatBuffer().put(record, from, n);
            target.write(bytes.array(), 0, 4 * n);
        }
    }

    @Override
    public float[] deserialize(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            throw new IOException("mel-frame block of negative length " + length);
        }
        float[] record = new float[length];
        byte[] bytes = new byte[4 * Math.min(length, FLOATS_PER_WRITE)];
        ByteBuffer view = ByteBuffer.wrap(bytes); // big-endian
        for (int from = 0; from < length; from += FLOATS_PER_WRITE) {
            int n = Math.min(FLOATS_PER_WRITE, length - from);
            source.readFully(bytes, 0, 4 * n);
            view.clear();
            view.asFloatBuffer().get(record, from, n);
        }
        return record;
    }

    @Override
    public float[] deserialize(float[] reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, 4 * length);
    }

    @Override
    public TypeSerializerSnapshot<float[]> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * The serializer's snapshot; it accepts the state of Flink's {@code float[]} serializer as is,
     * since the bytes are the same.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<float[]> {

        /** For Flink, which creates snapshots reflectively when it reads a checkpoint. */
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<float[]> resolveSchemaCompatibility(
                TypeSerializerSnapshot<float[]> oldSnapshot) {
            if (oldSnapshot.restoreSerializer() instanceof FloatPrimitiveArraySerializer) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
    }
}
