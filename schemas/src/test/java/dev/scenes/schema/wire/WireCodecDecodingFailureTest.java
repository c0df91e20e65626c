package dev.scenes.schema.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scenes.schema.SampleRecords;
import dev.scenes.schema.wire.WireFormatException.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WireCodecDecodingFailureTest {

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encode(T record) {
        return WireCodec.of((Class<T>) record.getClass()).encode(record);
    }

    private static WireFormatException decodeFailure(WireCodec<?> codec, byte[] bytes) {
        return catchThrowableOfType(WireFormatException.class, () -> codec.decode(bytes));
    }

    private static String article(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    @TestFactory
    Stream<DynamicTest> shouldNameBothRecordsWhenTheBytesHoldAnotherRecordType() {
        return WireCodec.all().stream()
                .flatMap(
                        expected ->
                                SampleRecords.oneOfEach().stream()
                                        .filter(record -> !expected.type().isInstance(record))
                                        .map(actual -> otherRecordTest(expected, actual)));
    }

    private static DynamicTest otherRecordTest(WireCodec<?> expected, SpecificRecord actual) {
        String want = expected.schema().getName();
        String got = actual.getSchema().getName();
        return DynamicTest.dynamicTest(
                want + " from " + got,
                () -> {
                    WireFormatException e = decodeFailure(expected, encode(actual));
                    assertThat(e.problem()).isEqualTo(Problem.OTHER_RECORD);
                    assertThat(e)
                            .hasMessage("expected " + want + " but the bytes hold " + article(got));
                });
    }

    @Test
    void shouldSayExpectedSceneEventButGotAudioChunk() {
        byte[] chunk = WireCodec.AUDIO_CHUNK.encode(SampleRecords.audioChunk());

        assertThatThrownBy(() -> WireCodec.SCENE_EVENT.decode(chunk))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("expected SceneEvent but the bytes hold an AudioChunk");
    }

    @TestFactory
    Stream<DynamicTest> shouldReportEveryTruncationOfAValidMessageAsTruncated() {
        return SampleRecords.all().stream()
                .map(
                        record ->
                                DynamicTest.dynamicTest(
                                        record.getSchema().getName(),
                                        () -> assertEveryTruncationFails(record)));
    }

    private static void assertEveryTruncationFails(SpecificRecord record) {
        byte[] whole = encode(record);
        WireCodec<?> codec = WireCodec.of(record.getClass().asSubclass(SpecificRecord.class));
        for (int n = 0; n < whole.length; n++) {
            WireFormatException e = decodeFailure(codec, Arrays.copyOf(whole, n));
            assertThat(e).as("first %d of %d bytes", n, whole.length).isNotNull();
            if (n < 2) {
                assertThat(e.problem()).isEqualTo(Problem.BAD_HEADER);
            } else {
                assertThat(e.problem()).as("first %d bytes", n).isEqualTo(Problem.TRUNCATED);
                assertThat(e).hasMessageStartingWith("truncated: ");
            }
        }
    }

    @Test
    void shouldSayHowManyBytesOfTheHeaderArrived() {
        byte[] header = Arrays.copyOf(WireCodec.SCENE_EVENT.encode(SampleRecords.sceneEvent()), 6);

        assertThat(decodeFailure(WireCodec.SCENE_EVENT, header))
                .hasMessage(
                        "truncated: 6 bytes end inside the 10-byte single-object header of a"
                                + " SceneEvent");
    }

    @Test
    void shouldSayTruncatedWhenTheBodyEndsEarly() {
        byte[] whole = WireCodec.SCENE_EVENT.encode(SampleRecords.sceneEvent());
        byte[] cut = Arrays.copyOf(whole, whole.length - 1);

        assertThat(decodeFailure(WireCodec.SCENE_EVENT, cut))
                .hasMessage(
                        "truncated: the "
                                + (cut.length - 10)
                                + " bytes after the header end before the SceneEvent is"
                                + " complete");
    }

    @Test
    void shouldShowTheFirstBytesInHexWhenTheHeaderIsMissing() {
        byte[] json =
                "{\"sensorId\": \"s17\", \"scene\": \"park\"}".getBytes(StandardCharsets.UTF_8);

        WireFormatException e = decodeFailure(WireCodec.SCENE_EVENT, json);

        assertThat(e.problem()).isEqualTo(Problem.BAD_HEADER);
        assertThat(e)
                .hasMessage(
                        "not Avro single-object encoded: expected C3 01 and an 8-byte schema"
                                + " fingerprint before a SceneEvent, got 36 bytes:"
                                + " 7B 22 73 65 6E 73 6F 72 49 64 22 3A 20 22 73 31 ...");
    }

    @Test
    void shouldRejectAnEmptyArrayAsBadHeaderAndNullAsNoBytes() {
        assertThat(decodeFailure(WireCodec.AUDIO_CHUNK, new byte[0]))
                .hasMessageEndingWith("got 0 bytes: ");
        WireFormatException tombstone = decodeFailure(WireCodec.MODEL_RELEASE, null);
        assertThat(tombstone.problem()).isEqualTo(Problem.NO_BYTES);
        assertThat(tombstone)
                .hasMessage("expected a ModelRelease but got null (a Kafka tombstone?)");
    }

    @Test
    void shouldNameAnUnknownFingerprintInHex() {
        byte[] bytes = WireCodec.SCENE_EVENT.encode(SampleRecords.sceneEvent());
        byte[] foreign = bytes.clone();
        System.arraycopy(SingleObjectHeader.of(0x0123456789abcdefL), 0, foreign, 0, 10);

        WireFormatException e = decodeFailure(WireCodec.SCENE_EVENT, foreign);

        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_SCHEMA);
        assertThat(e)
                .hasMessageStartingWith(
                        "unknown schema fingerprint 0x0123456789abcdef: not SceneEvent ("
                                + SingleObjectHeader.format(WireCodec.SCENE_EVENT.fingerprint())
                                + ")");
    }

    @Test
    void shouldReportBytesAfterACompleteRecordAsTrailing() {
        byte[] whole = WireCodec.SENSOR_STATUS.encode(SampleRecords.sensorStatus());
        byte[] padded = Arrays.copyOf(whole, whole.length + 3);

        WireFormatException e = decodeFailure(WireCodec.SENSOR_STATUS, padded);

        assertThat(e.problem()).isEqualTo(Problem.TRAILING_BYTES);
        assertThat(e)
                .hasMessage(
                        "3 trailing bytes after a complete SensorStatus of "
                                + (whole.length - 10)
                                + " bytes");
    }

    @Test
    void shouldRefuseAnAbsurdLengthPrefixBeforeAllocatingIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(SingleObjectHeader.of(WireCodec.AUDIO_CHUNK.fingerprint()));
        writeVarLong(bytes, Integer.MAX_VALUE - 16); // sensorId claims ~2 GB
        bytes.writeBytes("s17".getBytes(StandardCharsets.UTF_8));

        WireFormatException e = decodeFailure(WireCodec.AUDIO_CHUNK, bytes.toByteArray());

        assertThat(e.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(e).hasMessageContaining("string length 2147483631 exceeds the 3 bytes left");
    }

    @Test
    void shouldRefuseAnAbsurdMapCountBeforeAllocatingIt() {
        byte[] valid = WireCodec.AUDIO_CHUNK.encode(SampleRecords.audioChunkWithDefaults());
        // The empty labels map is the last byte (count 0); claim a billion entries instead.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(valid, 0, valid.length - 1);
        writeVarLong(bytes, 1_000_000_000L);

        WireFormatException e = decodeFailure(WireCodec.AUDIO_CHUNK, bytes.toByteArray());

        assertThat(e.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(e).hasMessageContaining("map block of 1000000000 items cannot fit");
    }

    @Test
    void shouldReportANegativeLengthAsCorrupt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(SingleObjectHeader.of(WireCodec.AUDIO_CHUNK.fingerprint()));
        writeVarLong(bytes, -5);
        bytes.writeBytes(new byte[20]);

        WireFormatException e = decodeFailure(WireCodec.AUDIO_CHUNK, bytes.toByteArray());

        assertThat(e.problem()).isEqualTo(Problem.CORRUPT);
        assertThat(e)
                .hasMessage(
                        "corrupt: the 21 bytes after the header are not a valid AudioChunk"
                                + " (string length is negative (-5))");
    }

    @Test
    void shouldReportAnEnumIndexOutOfRangeAsCorrupt() {
        byte[] valid = WireCodec.AUDIO_CHUNK.encode(SampleRecords.audioChunkWithDefaults());
        // sensorId "s18" (4 bytes), device "" (1), seq 0 (1), startTime 0 (1), sampleRate 8000
        // (2): the encoding index sits at body offset 9.
        byte[] bad = valid.clone();
        assertThat(bad[10 + 9]).as("FLOAT32LE is symbol 1, zig-zag 2").isEqualTo((byte) 2);
        bad[10 + 9] = 40; // symbol 20 of 3

        WireFormatException e = decodeFailure(WireCodec.AUDIO_CHUNK, bad);

        assertThat(e.problem()).isEqualTo(Problem.CORRUPT);
        assertThat(e)
                .hasMessageStartingWith(
                        "corrupt: the 13 bytes after the header are not a valid AudioChunk (an"
                                + " enum symbol or union branch index is out of range: ");
    }

    @Test
    void shouldThrowOnlyWireFormatExceptionsForRandomGarbage() {
        Random random = new Random(20250601);
        Set<Problem> seen = EnumSet.noneOf(Problem.class);
        for (int i = 0; i < 20_000; i++) {
            WireCodec<?> codec = WireCodec.all().get(i % WireCodec.all().size());
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 10) {
                // Half get a valid header, so that the body decoder sees the garbage.
                System.arraycopy(SingleObjectHeader.of(codec.fingerprint()), 0, bytes, 0, 10);
            }
            failure(codec, bytes).ifPresent(seen::add);
        }
        assertThat(seen).contains(Problem.BAD_HEADER, Problem.TRUNCATED, Problem.CORRUPT);
    }

    @Test
    void shouldThrowOnlyWireFormatExceptionsForValidMessagesWithFlippedBytes() {
        Random random = new Random(7);
        Set<Problem> seen = EnumSet.noneOf(Problem.class);
        for (SpecificRecord record : SampleRecords.all()) {
            WireCodec<?> codec = WireCodec.of(record.getClass().asSubclass(SpecificRecord.class));
            byte[] valid = encode(record);
            for (int i = 0; i < 3_000; i++) {
                byte[] bytes = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    int at = 10 + random.nextInt(Math.min(bytes.length - 10, 64));
                    bytes[at] = (byte) random.nextInt(256);
                }
                failure(codec, bytes).ifPresent(seen::add);
            }
        }
        assertThat(seen).contains(Problem.TRUNCATED, Problem.CORRUPT, Problem.TRAILING_BYTES);
    }

    /** Decodes; returns the problem, or empty if the bytes happen to form a valid record. */
    private static Optional<Problem> failure(WireCodec<?> codec, byte[] bytes) {
        try {
            codec.decode(bytes);
            return Optional.empty();
        } catch (WireFormatException e) {
            assertThat(e.getMessage())
                    .as("message of %s", e.problem())
                    .doesNotStartWith("java.")
                    .containsAnyOf(
                            "not Avro",
                            "expected",
                            "unknown schema",
                            "truncated",
                            "corrupt",
                            "trailing");
            return Optional.of(e.problem());
        }
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7FL) != 0) {
            out.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        out.write((int) zigZag);
    }
}
