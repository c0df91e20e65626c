package dev.scenes.schema.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs in a child JVM started by {@link SerializablePackagesTest}: reports the trust property and
 * read path, probes Avro's trust check, and decodes every {@code <Record>.bin} file in a directory.
 *
 * <p>Usage: {@code FreshJvmDecoder <dir> [set-property-late]}. Prints {@code property=...}, {@code
 * fastread=...}, {@code probe=...}, then one {@code <Record>=<decoded record>} line per file.
 */
public final class FreshJvmDecoder {

    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    /**
     * A string field that asks Avro to build a {@code java.net.URI} from it ({@code java-class}):
     * the only thing the trust check guards. {@code avro.java.string} makes both read paths hand
     * the constructor a String.
     */
    static final Schema PROBE =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "Probe", "namespace": "dev.scenes.schema.probe",
                             "fields": [{"name": "link",
                               "type": {"type": "string", "java-class": "java.net.URI",
                                        "avro.java.string": "String"}}]}
                            """);

    private FreshJvmDecoder() {}

    public static void main(String[] args) throws IOException {
        System.out.println("property=" + System.getProperty(PROPERTY));
        System.out.println("fastread=" + GenericData.get().isFastReaderEnabled());
        if (args.length > 1 && args[1].equals("set-property-late")) {
            new SpecificDatumReader<Object>(); // initialises the class, as any Avro user would
            System.setProperty(PROPERTY, "java.net");
        }
        System.out.println("probe=" + probe());
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(args[0]))) {
            files = listing.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".bin", "");
            WireCodec<?> codec =
                    WireCodec.all().stream()
                            .filter(c -> c.schema().getName().equals(name))
                            .findFirst()
                            .orElseThrow();
            System.out.println(name + "=" + canonical(codec.decode(Files.readAllBytes(file))));
        }
    }

    /**
     * The record's fields as ASCII text that does not depend on map iteration order, so that two
     * JVMs can compare what they decoded.
     */
    static String canonical(SpecificRecord record) {
        StringBuilder text = new StringBuilder();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof Map<?, ?> map) {
                value = new TreeMap<>(map);
            } else if (value instanceof ByteBuffer bytes) {
                value = Base64.getEncoder().encodeToString(toArray(bytes));
            }
            text.append(field.name()).append(':').append(value).append(';');
        }
        // Escape non-ASCII, since the child's stdout encoding depends on its locale.
        StringBuilder ascii = new StringBuilder();
        text.chars()
                .forEach(
                        c ->
                                ascii.append(
                                        c < 0x7F
                                                ? String.valueOf((char) c)
                                                : String.format("\\u%04x", c)));
        return ascii.toString();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Writes a probe record generically and reads it back with a SpecificDatumReader. */
    static String probe() throws IOException {
        GenericRecord record = new GenericData.Record(PROBE);
        record.put("link", "https://example.org/s17");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(PROBE).write(record, encoder);
        encoder.flush();
        try {
            GenericRecord read =
                    new SpecificDatumReader<GenericRecord>(PROBE)
                            .read(
                                    null,
                                    DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            return "ok " + read.get("link").getClass().getName();
        } catch (SecurityException e) {
            return "SecurityException " + e.getMessage();
        }
    }
}
