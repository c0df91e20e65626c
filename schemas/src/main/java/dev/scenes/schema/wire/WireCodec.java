package dev.scenes.schema.wire;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.ModelRelease;
import dev.scenes.schema.RejectedChunk;
import dev.scenes.schema.SceneEvent;
import dev.scenes.schema.SensorStatus;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in the wire format of every topic: Avro single-object
 * encoding, that is {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the schema's
 * parsing canonical form, then the record in Avro binary.
 *
 * <p>Use the constants ({@link #AUDIO_CHUNK}, ...) or {@link #of(Class)}. Instances are immutable
 * and thread-safe; per-thread buffers are reused, so a call allocates little beyond its result.
 * Decoding throws only {@link WireFormatException}, whose message names the problem: a missing
 * header (with the first bytes in hex), a record of another type ("expected SceneEvent but the
 * bytes hold an AudioChunk"), an unknown schema, a truncated or corrupt body, trailing bytes.
 * Length prefixes are checked against the bytes left, so corrupt input cannot make Avro allocate
 * gigabytes.
 *
 * <p>Schema evolution: a codec reads records written with its current schema. When a schema
 * changes, writers still running the old one send the old fingerprint; give the codec the old
 * schema with {@link #readingAlso(Schema)} and it resolves such records to the current class.
 *
 * <h2>{@code org.apache.avro.SERIALIZABLE_PACKAGES}: what Avro 1.12.1 really does</h2>
 *
 * <ul>
 *   <li>{@code SpecificDatumReader} reads the system properties {@code
 *       org.apache.avro.SERIALIZABLE_PACKAGES} and {@code SERIALIZABLE_CLASSES} once, in its static
 *       initialiser; setting them later has no effect.
 *   <li>It consults them only when a {@code string} schema names a Java class with {@code
 *       java-class}, or a {@code map} schema with {@code java-key-class}, and only on the slow
 *       (resolving) read path, which a JVM gets with {@code -Dorg.apache.avro.fastread=false}. An
 *       untrusted class then fails with {@code SecurityException("Forbidden <class>! ...")}.
 *   <li>The default fast read path ({@code FastReaderBuilder}) loads such classes without any
 *       check, and generated record classes are never checked on either path.
 * </ul>
 *
 * None of our schemas uses {@code java-class} or {@code java-key-class} (a test fails the build if
 * one does), so decoding needs no property in any JVM; tests prove it in child JVMs started without
 * it, on both read paths. This class therefore leaves the global property alone: setting it here
 * would be too late whenever something else (Flink's own Avro support, for one) has initialised
 * {@code SpecificDatumReader} first, and would widen trust for the whole JVM. The architecture
 * still asks every decoding JVM, Flink TaskManagers included, to start with {@code
 * -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.scenes.schema} (e.g. in {@code env.java.opts.all});
 * that is harmless, and it only matters if a schema here ever names a class of this package through
 * {@code java-class} on a JVM that uses the slow read path.
 */
public final class WireCodec<T extends SpecificRecord> {

    /** {@code audio-chunks}. */
    public static final WireCodec<AudioChunk> AUDIO_CHUNK = forClass(AudioChunk.class);

    /** {@code scene-events}. */
    public static final WireCodec<SceneEvent> SCENE_EVENT = forClass(SceneEvent.class);

    /** {@code scene-models}. */
    public static final WireCodec<ModelRelease> MODEL_RELEASE = forClass(ModelRelease.class);

    /** {@code audio-chunks-rejected}. */
    public static final WireCodec<RejectedChunk> REJECTED_CHUNK = forClass(RejectedChunk.class);

    /** {@code sensor-status}. */
    public static final WireCodec<SensorStatus> SENSOR_STATUS = forClass(SensorStatus.class);

    private static final List<WireCodec<?>> ALL =
            List.of(AUDIO_CHUNK, SCENE_EVENT, MODEL_RELEASE, REJECTED_CHUNK, SENSOR_STATUS);

    private static final Map<Long, String> RECORD_NAME_BY_FINGERPRINT =
            ALL.stream().collect(Collectors.toMap(c -> c.fingerprint, c -> c.schema.getName()));

    /** A thread's reusable buffers; every codec shares them, since no call re-enters another. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Encode buffers that grew past this are dropped rather than kept for the thread's life. */
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final byte[] header;
    private final DatumWriter<T> writer;
    private final Map<Long, SpecificDatumReader<T>> readers;

    private WireCodec(Class<T> type, Schema schema, Map<Long, SpecificDatumReader<T>> readers) {
        this.type = type;
        this.schema = schema;
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = SingleObjectHeader.of(fingerprint);
        this.writer = new SpecificDatumWriter<>(schema, SpecificData.getForClass(type));
        this.readers = Map.copyOf(readers);
        this.readers.values().forEach(this::warmUp);
    }

    /**
     * Decodes one all-zero record, so that Avro builds a reader's lazily created parts here, in the
     * constructor, and not concurrently on the first decodes of several threads; final-field
     * publication then makes them visible to every thread.
     */
    private void warmUp(SpecificDatumReader<T> reader) {
        Schema writerSchema = reader.getSchema();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeZeroes(writerSchema, body);
        try {
            reader.read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot decode the smallest "
                            + schema.getName()
                            + " of schema "
                            + SingleObjectHeader.format(
                                    SchemaNormalization.parsingFingerprint64(writerSchema)),
                    e);
        }
    }

    /**
     * The smallest valid Avro binary for {@code schema}: zero, empty, false or the first branch.
     */
    private static void writeZeroes(Schema schema, ByteArrayOutputStream out) {
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> writeZeroes(f.schema(), out));
            case UNION -> {
                out.write(0);
                writeZeroes(schema.getTypes().get(0), out);
            }
            case FLOAT -> out.writeBytes(new byte[Float.BYTES]);
            case DOUBLE -> out.writeBytes(new byte[Double.BYTES]);
            case FIXED -> out.writeBytes(new byte[schema.getFixedSize()]);
            case NULL -> {}
            default -> out.write(0); // boolean, int, long, enum, and the length of the rest
        }
    }

    private static <T extends SpecificRecord> WireCodec<T> forClass(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        return new WireCodec<>(
                type,
                schema,
                Map.of(fingerprint, new SpecificDatumReader<>(schema, schema, model)));
    }

    /**
     * Returns the codec of a generated record class.
     *
     * @throws IllegalArgumentException if {@code type} is not one of the records of this module
     */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> WireCodec<T> of(Class<T> type) {
        return ALL.stream()
                .filter(codec -> codec.type.equals(type))
                .map(codec -> (WireCodec<T>) codec)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no wire codec for "
                                                + type.getName()
                                                + "; known records: "
                                                + ALL.stream()
                                                        .map(c -> c.schema.getName())
                                                        .collect(Collectors.joining(", "))));
    }

    /** The codecs of all records of this module. */
    public static List<WireCodec<?>> all() {
        return ALL;
    }

    /**
     * Returns a codec that also decodes records written with {@code writerSchema}, typically a
     * previous version of this codec's schema, resolving them to the current class.
     *
     * @throws IllegalArgumentException if the current schema cannot read data written with {@code
     *     writerSchema}
     */
    public WireCodec<T> readingAlso(Schema writerSchema) {
        var compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalArgumentException(
                    schema.getName()
                            + " cannot read data written with schema "
                            + SingleObjectHeader.format(
                                    SchemaNormalization.parsingFingerprint64(writerSchema))
                            + ": "
                            + compatibility.getDescription());
        }
        Map<Long, SpecificDatumReader<T>> extended = new HashMap<>(readers);
        extended.put(
                SchemaNormalization.parsingFingerprint64(writerSchema),
                new SpecificDatumReader<>(writerSchema, schema, SpecificData.getForClass(type)));
        return new WireCodec<>(type, schema, extended);
    }

    /** The generated class this codec produces. */
    public Class<T> type() {
        return type;
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /** CRC-64-AVRO fingerprint of the schema's parsing canonical form, as written in the header. */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * Encodes {@code record} in single-object encoding.
     *
     * @throws IllegalArgumentException if the record cannot be encoded, e.g. a required field is
     *     null; the message names the field
     */
    public byte[] encode(T record) {
        Objects.requireNonNull(record, () -> "cannot encode a null " + schema.getName());
        Buffers buffers = BUFFERS.get();
        ByteArrayOutputStream out = buffers.out;
        out.reset();
        out.writeBytes(header);
        buffers.encoder = EncoderFactory.get().binaryEncoder(out, buffers.encoder);
        try {
            writer.write(record, buffers.encoder);
            buffers.encoder.flush();
        } catch (IOException e) {
            buffers.encoder = null;
            throw new IllegalStateException(
                    "writing " + schema.getName() + " to memory failed; this is a bug", e);
        } catch (RuntimeException e) {
            // The buffered encoder may hold part of the record; never let it leak into the next.
            buffers.encoder = null;
            throw new IllegalArgumentException(
                    "cannot encode " + schema.getName() + ": " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > MAX_RETAINED_BUFFER) {
            BUFFERS.remove();
        }
        return bytes;
    }

    /**
     * Decodes a record from single-object encoded {@code bytes}.
     *
     * @throws WireFormatException if the bytes are not a complete record of this type in a schema
     *     this codec knows; the message says what is wrong
     */
    public T decode(byte[] bytes) {
        String name = schema.getName();
        if (bytes == null) {
            throw new WireFormatException(
                    WireFormatException.Problem.NO_BYTES,
                    "expected " + withArticle(name) + " but got null (a Kafka tombstone?)");
        }
        if (!SingleObjectHeader.hasMarker(bytes)) {
            throw new WireFormatException(
                    WireFormatException.Problem.BAD_HEADER,
                    "not Avro single-object encoded: expected C3 01 and an 8-byte schema"
                            + " fingerprint before "
                            + withArticle(name)
                            + ", got "
                            + bytes.length
                            + " bytes: "
                            + SingleObjectHeader.preview(bytes));
        }
        if (bytes.length < SingleObjectHeader.LENGTH) {
            throw new WireFormatException(
                    WireFormatException.Problem.TRUNCATED,
                    "truncated: "
                            + bytes.length
                            + " bytes end inside the 10-byte single-object header of "
                            + withArticle(name));
        }
        long writerFingerprint = SingleObjectHeader.fingerprint(bytes);
        SpecificDatumReader<T> reader = readers.get(writerFingerprint);
        if (reader == null) {
            throw unexpectedFingerprint(writerFingerprint);
        }
        int bodyLength = bytes.length - SingleObjectHeader.LENGTH;
        BoundedBinaryDecoder in =
                BUFFERS.get().decoder.reset(bytes, SingleObjectHeader.LENGTH, bodyLength);
        T record;
        int left;
        try {
            record = reader.read(null, in);
            left = in.remaining();
        } catch (EOFException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.TRUNCATED,
                    "truncated: the "
                            + bodyLength
                            + " bytes after the header end before the "
                            + name
                            + " is complete"
                            + detail(e),
                    e);
        } catch (IndexOutOfBoundsException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.CORRUPT,
                    "corrupt: the "
                            + bodyLength
                            + " bytes after the header are not a valid "
                            + name
                            + " (an enum symbol or union branch index is out of range: "
                            + e.getMessage()
                            + ")",
                    e);
        } catch (SecurityException e) {
            // Avro's class-trust check: a deployment problem, not damaged bytes.
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.CORRUPT,
                    "corrupt: the "
                            + bodyLength
                            + " bytes after the header are not a valid "
                            + name
                            + detail(e),
                    e);
        }
        if (left > 0) {
            throw new WireFormatException(
                    WireFormatException.Problem.TRAILING_BYTES,
                    left
                            + " trailing bytes after a complete "
                            + name
                            + " of "
                            + (bodyLength - left)
                            + " bytes");
        }
        return record;
    }

    private WireFormatException unexpectedFingerprint(long found) {
        String name = schema.getName();
        String other = RECORD_NAME_BY_FINGERPRINT.get(found);
        if (other != null) {
            return new WireFormatException(
                    WireFormatException.Problem.OTHER_RECORD,
                    "expected " + name + " but the bytes hold " + withArticle(other));
        }
        return new WireFormatException(
                WireFormatException.Problem.UNKNOWN_SCHEMA,
                "unknown schema fingerprint "
                        + SingleObjectHeader.format(found)
                        + ": not "
                        + name
                        + " ("
                        + readers.keySet().stream()
                                .map(SingleObjectHeader::format)
                                .sorted()
                                .collect(Collectors.joining(", "))
                        + ") nor any other record of dev.scenes.schema; written with a schema"
                        + " version this reader was not given?");
    }

    private static String detail(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof EOFException ? "" : " (" + e.getClass().getSimpleName() + ")";
        }
        return " (" + message + ")";
    }

    private static String withArticle(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    @Override
    public String toString() {
        return "WireCodec["
                + schema.getFullName()
                + ", "
                + SingleObjectHeader.format(fingerprint)
                + "]";
    }

    /** Per-thread scratch state; see {@link #BUFFERS}. */
    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final BoundedBinaryDecoder decoder = new BoundedBinaryDecoder();
        BinaryEncoder encoder;
    }
}
