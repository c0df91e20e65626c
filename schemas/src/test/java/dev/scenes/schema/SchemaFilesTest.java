package dev.scenes.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.schema.wire.WireCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** House rules for the schema files: where they live, docs, defaults, strings over enums. */
class SchemaFilesTest {

    private static List<Schema> schemas() {
        return SchemaFiles.all().stream().map(SchemaFiles::parse).toList();
    }

    @Test
    void shouldHaveOneSchemaFileForEveryRecordWithACodec() {
        assertThat(schemas().stream().map(Schema::getFullName))
                .containsExactlyInAnyOrderElementsOf(
                        WireCodec.all().stream().map(c -> c.schema().getFullName()).toList());
    }

    @Test
    void shouldKeepEachSchemaInTheFolderOfItsNamespace() {
        for (Path file : SchemaFiles.all()) {
            Schema schema = SchemaFiles.parse(file);
            assertThat(SchemaFiles.ROOT.relativize(file))
                    .isEqualTo(
                            Path.of(
                                    schema.getNamespace().replace('.', '/'),
                                    schema.getName() + ".avsc"));
        }
    }

    @Test
    void shouldDocumentEveryRecordEnumAndField() {
        List<String> undocumented = new ArrayList<>();
        for (Schema schema : schemas()) {
            visit(schema, new HashSet<>(), undocumented, null);
        }
        assertThat(undocumented).as("schemas and fields without a doc").isEmpty();
    }

    @Test
    void shouldGiveEveryOptionalFieldANullDefaultAndEveryEnumAFallbackSymbol() {
        List<String> problems = new ArrayList<>();
        for (Schema schema : schemas()) {
            visit(schema, new HashSet<>(), null, problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldKeepSceneLabelsAndFlagsAsStrings() {
        Schema event = WireCodec.SCENE_EVENT.schema();

        assertThat(event.getField("scene").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(event.getField("flags").schema().getElementType().getType())
                .isEqualTo(Schema.Type.STRING);
        assertThat(event.getField("probabilities").schema().getType()).isEqualTo(Schema.Type.MAP);
    }

    /** Collects missing docs into {@code undocumented} and default problems into {@code rules}. */
    private static void visit(
            Schema schema, Set<String> seen, List<String> undocumented, List<String> rules) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                for (Schema.Field field : schema.getFields()) {
                    String name = schema.getName() + "." + field.name();
                    requireDoc(field.doc(), name, undocumented);
                    if (rules != null && isOptional(field.schema())) {
                        if (field.schema().getTypes().get(0).getType() != Schema.Type.NULL
                                || field.defaultVal() != JsonProperties.NULL_VALUE) {
                            rules.add(name + " is optional but does not default to null");
                        }
                    }
                    visit(field.schema(), seen, undocumented, rules);
                }
            }
            case ENUM -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                if (rules != null && !"UNKNOWN".equals(schema.getEnumDefault())) {
                    rules.add(
                            schema.getFullName()
                                    + " needs the default UNKNOWN, so that readers survive new"
                                    + " symbols");
                }
            }
            case ARRAY -> visit(schema.getElementType(), seen, undocumented, rules);
            case MAP -> visit(schema.getValueType(), seen, undocumented, rules);
            case UNION -> schema.getTypes().forEach(t -> visit(t, seen, undocumented, rules));
            default -> {}
        }
    }

    private static boolean isOptional(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    private static void requireDoc(String doc, String name, List<String> undocumented) {
        if (undocumented != null && (doc == null || doc.isBlank())) {
            undocumented.add(name);
        }
    }
}
