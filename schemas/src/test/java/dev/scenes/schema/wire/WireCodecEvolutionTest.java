package dev.scenes.schema.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.AudioEncoding;
import dev.scenes.schema.SampleRecords;
import dev.scenes.schema.wire.WireFormatException.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Records written with an older or newer schema version decode once the codec is given it. */
class WireCodecEvolutionTest {

    /** AudioChunk as it might have been before 'site' and 'labels' were added. */
    private static final Schema OLDER =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "AudioChunk", "namespace": "dev.scenes.schema",
                             "fields": [
                              {"name": "sensorId", "type": "string"},
                              {"name": "device", "type": "string"},
                              {"name": "seq", "type": "long"},
                              {"name": "startTime", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                              {"name": "sampleRate", "type": "int"},
                              {"name": "encoding", "type": {"type": "enum", "name": "AudioEncoding",
                                "symbols": ["PCM_S16LE", "FLOAT32LE", "UNKNOWN"], "default": "UNKNOWN"}},
                              {"name": "samples", "type": "bytes"}]}
                            """);

    /** AudioChunk as a later version might write it: a new encoding symbol and a new field. */
    private static final Schema NEWER =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "AudioChunk", "namespace": "dev.scenes.schema",
                             "fields": [
                              {"name": "sensorId", "type": "string"},
                              {"name": "device", "type": "string"},
                              {"name": "seq", "type": "long"},
                              {"name": "startTime", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                              {"name": "sampleRate", "type": "int"},
                              {"name": "encoding", "type": {"type": "enum", "name": "AudioEncoding",
                                "symbols": ["PCM_S16LE", "FLOAT32LE", "MULAW", "UNKNOWN"], "default": "UNKNOWN"}},
                              {"name": "samples", "type": "bytes"},
                              {"name": "site", "type": ["null", "string"], "default": null},
                              {"name": "labels", "type": {"type": "map", "values": "string"}, "default": {}},
                              {"name": "gainDb", "type": "float", "default": 0.0}]}
                            """);

    private static final long T0_MICROS =
            SampleRecords.T0.getEpochSecond() * 1_000_000 + SampleRecords.T0.getNano() / 1_000;

    private static GenericRecord chunk(Schema schema, String encoding) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("sensorId", "s17");
        record.put("device", "zoom-f8");
        record.put("seq", 7L);
        record.put("startTime", T0_MICROS);
        record.put("sampleRate", 48_000);
        record.put(
                "encoding",
                new GenericData.EnumSymbol(schema.getField("encoding").schema(), encoding));
        record.put("samples", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        if (schema.getField("labels") != null) {
            record.put("labels", Map.of("scene", "park"));
            record.put("gainDb", 6.0f);
        }
        return record;
    }

    /** Single-object encoding done by hand with a generic writer, as another producer would. */
    private static byte[] singleObject(GenericRecord record) throws IOException {
        Schema schema = record.getSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SingleObjectHeader.of(SchemaNormalization.parsingFingerprint64(schema)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void shouldRejectAnOlderVersionUntilTheCodecIsGivenItsSchema() throws IOException {
        byte[] bytes = singleObject(chunk(OLDER, "FLOAT32LE"));

        assertThatThrownBy(() -> WireCodec.AUDIO_CHUNK.decode(bytes))
                .isInstanceOfSatisfying(
                        WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_SCHEMA));

        AudioChunk chunk = WireCodec.AUDIO_CHUNK.readingAlso(OLDER).decode(bytes);
        assertThat(chunk.getStartTime()).isEqualTo(SampleRecords.T0);
        assertThat(chunk.getEncoding()).isEqualTo(AudioEncoding.FLOAT32LE);
        assertThat(chunk.getSite()).isNull();
        assertThat(chunk.getLabels()).isEmpty();
    }

    @Test
    void shouldReadANewerVersionsUnknownEnumSymbolAsUnknownAndSkipItsNewField() throws IOException {
        WireCodec<AudioChunk> codec = WireCodec.AUDIO_CHUNK.readingAlso(NEWER);

        AudioChunk chunk = codec.decode(singleObject(chunk(NEWER, "MULAW")));

        assertThat(chunk.getEncoding()).isEqualTo(AudioEncoding.UNKNOWN);
        assertThat(chunk.getLabels()).containsEntry("scene", "park");
        assertThat(chunk.getSamples()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    }

    @Test
    void shouldStillReadTheCurrentVersionAfterLearningOlderOnes() {
        WireCodec<AudioChunk> codec = WireCodec.AUDIO_CHUNK.readingAlso(OLDER).readingAlso(NEWER);
        AudioChunk chunk = SampleRecords.audioChunk();

        assertThat(codec.decode(WireCodec.AUDIO_CHUNK.encode(chunk))).isEqualTo(chunk);
        assertThat(codec.encode(chunk)).isEqualTo(WireCodec.AUDIO_CHUNK.encode(chunk));
    }

    @Test
    void shouldRefuseAWriterSchemaItCannotReadAndSayWhy() {
        Schema incompatible =
                new Schema.Parser()
                        .parse(
                                """
                                {"type": "record", "name": "AudioChunk", "namespace": "dev.scenes.schema",
                                 "fields": [{"name": "sensorId", "type": "long"}]}
                                """);

        assertThatThrownBy(() -> WireCodec.AUDIO_CHUNK.readingAlso(incompatible))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AudioChunk cannot read data written with schema 0x")
                .hasMessageContaining("sensorId");
    }
}
