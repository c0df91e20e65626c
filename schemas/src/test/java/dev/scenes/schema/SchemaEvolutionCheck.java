package dev.scenes.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.RandomData;

/**
 * Decides whether a schema can read data written with an earlier version of itself, first by Avro's
 * rules ({@link SchemaCompatibility}), then by actually writing records with the earlier version
 * and reading them with the current one.
 */
final class SchemaEvolutionCheck {

    private SchemaEvolutionCheck() {}

    /**
     * Why {@code current} cannot read data written with {@code previous}, one line per problem with
     * the field path (e.g. {@code "TYPE_MISMATCH at AudioChunk.seq: reader type: STRING not
     * compatible with writer type: LONG"}); empty when it can.
     */
    static List<String> incompatibilities(Schema current, Schema previous) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility :
                SchemaCompatibility.checkReaderWriterCompatibility(current, previous)
                        .getResult()
                        .getIncompatibilities()) {
            problems.add(
                    incompatibility.getType()
                            + " at "
                            + fieldPath(current, incompatibility.getLocation())
                            + ": "
                            + incompatibility.getMessage());
        }
        return problems;
    }

    /**
     * Writes {@code count} random records with {@code previous} and reads each back with {@code
     * current}, returning what was read; an exception means the data cannot be read.
     */
    static List<Object> readWrittenWithPrevious(
            Schema current, Schema previous, int count, long seed) throws IOException {
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(previous);
        GenericDatumReader<Object> reader = new GenericDatumReader<>(previous, current);
        List<Object> read = new ArrayList<>();
        for (Object record : new RandomData(GenericData.get(), previous, count, seed)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            Decoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
            read.add(reader.read(null, decoder));
        }
        return read;
    }

    /**
     * Turns a JSON pointer into {@code reader} such as {@code /fields/3/type} into a field path.
     */
    private static String fieldPath(Schema reader, String location) {
        StringBuilder path = new StringBuilder(reader.getName());
        Schema schema = reader;
        String[] parts = location.split("/");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("fields") && i + 1 < parts.length) {
                Schema.Field field = schema.getFields().get(Integer.parseInt(parts[++i]));
                path.append('.').append(field.name());
                schema = field.schema();
            } else if (part.equals("items") && schema.getType() == Schema.Type.ARRAY) {
                path.append("[]");
                schema = schema.getElementType();
            } else if (part.equals("values") && schema.getType() == Schema.Type.MAP) {
                path.append("{}");
                schema = schema.getValueType();
            } else if (schema.getType() == Schema.Type.UNION && part.matches("\\d+")) {
                schema = schema.getTypes().get(Integer.parseInt(part));
            } else if (!part.equals("type")) {
                path.append('/').append(part);
            }
        }
        return path.toString();
    }
}
