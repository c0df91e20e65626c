package dev.scenes.schema.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.SampleRecords;
import dev.scenes.schema.SceneEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The bytes are exactly Avro single-object encoding, checked against independent references. */
class SingleObjectLayoutTest {

    private static Schema schemaFile(String name) throws IOException {
        return new Schema.Parser()
                .parse(Path.of("src/main/avro/dev/scenes/schema", name + ".avsc").toFile());
    }

    @Test
    void shouldStartWithMarkerC301ThenTheLittleEndianFingerprintOfTheSchemaFile()
            throws IOException {
        for (WireCodec<?> codec : WireCodec.all()) {
            long fromFile =
                    SchemaNormalization.parsingFingerprint64(schemaFile(codec.schema().getName()));
            byte[] bytes =
                    encodeAny(
                            SampleRecords.oneOfEach().stream()
                                    .filter(codec.type()::isInstance)
                                    .findFirst()
                                    .orElseThrow());

            assertThat(bytes[0]).isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                    .isEqualTo(fromFile)
                    .isEqualTo(codec.fingerprint());
            assertThat(bytes[2]).isEqualTo((byte) fromFile);
        }
    }

    @Test
    void shouldMatchAvrosOwnSingleObjectEncoderByteForByte() throws IOException {
        SceneEvent event = SampleRecords.sceneEvent();
        AudioChunk chunk = SampleRecords.audioChunk();

        assertThat(WireCodec.SCENE_EVENT.encode(event)).isEqualTo(toArray(event.toByteBuffer()));
        assertThat(WireCodec.AUDIO_CHUNK.encode(chunk)).isEqualTo(toArray(chunk.toByteBuffer()));
        assertThat(WireCodec.SCENE_EVENT.decode(toArray(event.toByteBuffer()))).isEqualTo(event);
        assertThat(SceneEvent.fromByteBuffer(ByteBuffer.wrap(WireCodec.SCENE_EVENT.encode(event))))
                .isEqualTo(event);
    }

    @Test
    void shouldHoldPlainAvroBinaryAfterTheTenByteHeader() throws IOException {
        byte[] bytes = WireCodec.SCENE_EVENT.encode(SampleRecords.sceneEvent());
        Schema file = schemaFile("SceneEvent");

        GenericRecord body =
                new GenericDatumReader<GenericRecord>(file)
                        .read(
                                null,
                                DecoderFactory.get()
                                        .binaryDecoder(
                                                Arrays.copyOfRange(bytes, 10, bytes.length), null));

        assertThat(body.get("scene")).hasToString("metro_station");
        assertThat(body.get("segmentStart"))
                .isEqualTo(SampleRecords.T0.getEpochSecond() * 1_000_000 + 123_456);
        assertThat(body.get("confidence")).isEqualTo(0.82f);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encodeAny(T record) {
        return WireCodec.of((Class<T>) record.getClass()).encode(record);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
