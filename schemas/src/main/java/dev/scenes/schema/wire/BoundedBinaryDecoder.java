package dev.scenes.schema.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding over a byte array that refuses length prefixes larger than the bytes left.
 *
 * <p>Avro's {@link BinaryDecoder} allocates a string, bytes or collection of whatever size a length
 * prefix claims before it finds out that the input is shorter, so one corrupt varint can ask for 2
 * GB. Here every length and item count is checked against the remaining input first, which caps an
 * allocation at the size of the message. An item count is capped at one item per remaining byte,
 * which holds for every type except {@code null}, empty records and zero-size fixed, none of which
 * our schemas put in a collection. Everything else is delegated to a reused {@link BinaryDecoder}.
 *
 * <p>Not thread-safe: each thread needs its own instance.
 */
final class BoundedBinaryDecoder extends Decoder {

    private BinaryDecoder in;
    private InputStream buffered;
    private final Utf8 scratch = new Utf8();

    /** Points this decoder at {@code length} bytes of {@code bytes} from {@code offset}. */
    BoundedBinaryDecoder reset(byte[] bytes, int offset, int length) {
        in = DecoderFactory.get().binaryDecoder(bytes, offset, length, in);
        buffered = in.inputStream();
        return this;
    }

    /** The number of input bytes not yet consumed. */
    int remaining() throws IOException {
        // For an array-backed BinaryDecoder the whole remaining input is its buffer.
        return buffered.available();
    }

    private int length(String what) throws IOException {
        long length = in.readLong();
        if (length < 0) {
            throw new IOException(what + " length is negative (" + length + ")");
        }
        int left = remaining();
        if (length > left) {
            throw new EOFException(
                    what + " length " + length + " exceeds the " + left + " bytes left");
        }
        return (int) length;
    }

    private long count(long items, String what) throws IOException {
        int left = remaining();
        if (items > left) {
            throw new EOFException(
                    what + " of " + items + " items cannot fit in the " + left + " bytes left");
        }
        return items;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(scratch).toString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length("bytes");
        ByteBuffer result;
        if (old != null && length <= old.capacity()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        in.readFixed(result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return count(in.readArrayStart(), "array block");
    }

    @Override
    public long arrayNext() throws IOException {
        return count(in.arrayNext(), "array block");
    }

    @Override
    public long readMapStart() throws IOException {
        return count(in.readMapStart(), "map block");
    }

    @Override
    public long mapNext() throws IOException {
        return count(in.mapNext(), "map block");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
