package dev.scenes.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The compatibility check can fail: it is proven here on inline schema pairs. */
class SchemaEvolutionCheckTest {

    private static Schema parse(String fields) {
        return new Schema.Parser()
                .parse(
                        "{\"type\": \"record\", \"name\": \"Reading\", \"namespace\": \"t\","
                                + " \"fields\": ["
                                + fields
                                + "]}");
    }

    private static final Schema V1 =
            parse(
                    """
                    {"name": "sensorId", "type": "string"},
                    {"name": "level", "type": "float"},
                    {"name": "tags", "type": {"type": "array", "items": "string"}}
                    """);

    @Test
    void shouldAcceptANewFieldWithADefault() throws Exception {
        Schema v2 =
                parse(
                        """
                        {"name": "sensorId", "type": "string"},
                        {"name": "level", "type": "float"},
                        {"name": "tags", "type": {"type": "array", "items": "string"}},
                        {"name": "site", "type": ["null", "string"], "default": null}
                        """);

        assertThat(SchemaEvolutionCheck.incompatibilities(v2, V1)).isEmpty();
        List<Object> read = SchemaEvolutionCheck.readWrittenWithPrevious(v2, V1, 20, 1);
        assertThat(read)
                .hasSize(20)
                .allSatisfy(r -> assertThat(((GenericRecord) r).get("site")).isNull());
    }

    @Test
    void shouldAcceptAPromotionFromFloatToDouble() throws Exception {
        Schema v2 =
                parse(
                        """
                        {"name": "sensorId", "type": "string"},
                        {"name": "level", "type": "double"},
                        {"name": "tags", "type": {"type": "array", "items": "string"}}
                        """);

        assertThat(SchemaEvolutionCheck.incompatibilities(v2, V1)).isEmpty();
        assertThat(SchemaEvolutionCheck.readWrittenWithPrevious(v2, V1, 5, 2)).hasSize(5);
    }

    @Test
    void shouldReportANewFieldWithoutADefaultByName() {
        Schema v2 =
                parse(
                        """
                        {"name": "sensorId", "type": "string"},
                        {"name": "level", "type": "float"},
                        {"name": "tags", "type": {"type": "array", "items": "string"}},
                        {"name": "site", "type": ["null", "string"]}
                        """);

        assertThat(SchemaEvolutionCheck.incompatibilities(v2, V1))
                .containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE at Reading.site: site");
        assertThatThrownBy(() -> SchemaEvolutionCheck.readWrittenWithPrevious(v2, V1, 1, 3))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("site");
    }

    @Test
    void shouldReportAChangedFieldTypeByName() {
        Schema v2 =
                parse(
                        """
                        {"name": "sensorId", "type": "long"},
                        {"name": "level", "type": "float"},
                        {"name": "tags", "type": {"type": "array", "items": "int"}}
                        """);

        assertThat(SchemaEvolutionCheck.incompatibilities(v2, V1))
                .containsExactly(
                        "TYPE_MISMATCH at Reading.sensorId: reader type: LONG not compatible with"
                                + " writer type: STRING",
                        "TYPE_MISMATCH at Reading.tags[]: reader type: INT not compatible with"
                                + " writer type: STRING");
    }
}
