package dev.scenes.schema.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.ModelRelease;
import dev.scenes.schema.SampleRecords;
import dev.scenes.schema.SceneEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecRoundTripTest {

    static Stream<SpecificRecord> samples() {
        return SampleRecords.all().stream();
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> WireCodec<T> codecOf(T record) {
        return WireCodec.of((Class<T>) record.getClass());
    }

    static <T extends SpecificRecord> T roundTrip(T record) {
        WireCodec<T> codec = codecOf(record);
        return codec.decode(codec.encode(record));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldDecodeWhatItEncodedFieldForField(SpecificRecord record) {
        SpecificRecord decoded = roundTrip(record);

        assertThat(decoded).isEqualTo(record).isNotSameAs(record);
    }

    @Test
    void shouldFillOmittedOptionalFieldsWithTheirDefaults() {
        AudioChunk chunk = roundTrip(SampleRecords.audioChunkWithDefaults());
        ModelRelease release = roundTrip(SampleRecords.modelReleaseWithDefaults());
        SceneEvent event = roundTrip(SampleRecords.sceneEventWithDefaults());

        assertThat(chunk.getSite()).isNull();
        assertThat(chunk.getLabels()).isEmpty();
        assertThat(chunk.getSamples().remaining()).isZero();
        assertThat(release.getDescription()).isNull();
        assertThat(release.getMetrics()).isEmpty();
        assertThat(event.getFlags()).isEmpty();
    }

    @Test
    void shouldKeepTimestampsToTheMicrosecond() {
        SceneEvent event = roundTrip(SampleRecords.sceneEvent());

        assertThat(event.getSegmentStart()).isEqualTo(SampleRecords.T0);
        assertThat(event.getSegmentStart().getNano() % 1_000_000).isEqualTo(456_000);
        assertThat(event.getProcessedAt()).isEqualTo(SampleRecords.PROCESSED);
    }

    @Test
    void shouldCarryLargeSampleAndModelPayloadsByteForByte() {
        ByteBuffer samples = SampleRecords.bytes(3 * 1024 * 1024 + 7, 42);
        AudioChunk chunk = SampleRecords.audioChunk();
        chunk.setSamples(samples.duplicate());
        ModelRelease release = SampleRecords.modelRelease();
        release.setOnnx(samples.duplicate());

        assertThat(roundTrip(chunk).getSamples()).isEqualTo(samples);
        assertThat(roundTrip(release).getOnnx()).isEqualTo(samples);
        // A small record after a large one must not carry anything over from the big buffer.
        assertThat(roundTrip(SampleRecords.sensorStatus())).isEqualTo(SampleRecords.sensorStatus());
    }

    @Test
    void shouldCarryManyMapEntriesAndUnicodeKeys() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            labels.put("key-" + i + "-ä漢", "value " + i);
        }
        AudioChunk chunk = SampleRecords.audioChunk();
        chunk.setLabels(labels);

        assertThat(roundTrip(chunk).getLabels()).isEqualTo(labels);
    }

    @Test
    void shouldEncodeEqualRecordsToEqualBytes() {
        byte[] first = WireCodec.SCENE_EVENT.encode(SampleRecords.sceneEvent());
        WireCodec.AUDIO_CHUNK.encode(SampleRecords.audioChunk());
        byte[] second = WireCodec.SCENE_EVENT.encode(SampleRecords.sceneEvent());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveTheSameResultsWhenThreadsShareTheCodecs() throws Exception {
        List<SpecificRecord> records = SampleRecords.all();
        List<byte[]> expected = records.stream().map(r -> codecOf(r).encode(r)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(
                        pool.submit(
                                () -> {
                                    int checked = 0;
                                    for (int i = 0; i < 2_000; i++) {
                                        int k = (i + offset) % records.size();
                                        SpecificRecord record = records.get(k);
                                        byte[] bytes = codecOf(record).encode(record);
                                        assertThat(bytes).isEqualTo(expected.get(k));
                                        assertThat(codecOf(record).decode(bytes)).isEqualTo(record);
                                        checked++;
                                    }
                                    return checked;
                                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReturnTheConstantForEachGeneratedClass() {
        assertThat(WireCodec.of(AudioChunk.class)).isSameAs(WireCodec.AUDIO_CHUNK);
        assertThat(WireCodec.of(SceneEvent.class)).isSameAs(WireCodec.SCENE_EVENT);
        assertThatThrownBy(() -> WireCodec.of(SpecificRecord.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "no wire codec for org.apache.avro.specific.SpecificRecord; known records:"
                                + " AudioChunk, SceneEvent, ModelRelease, RejectedChunk,"
                                + " SensorStatus");
        List<Class<?>> expected =
                SampleRecords.oneOfEach().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(WireCodec.all().stream().<Class<?>>map(WireCodec::type).toList())
                .isEqualTo(expected);
    }

    @Test
    void shouldRefuseToEncodeARecordMissingARequiredFieldAndNameTheField() {
        SceneEvent event = SampleRecords.sceneEvent();
        event.setScene(null);

        assertThatThrownBy(() -> WireCodec.SCENE_EVENT.encode(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot encode SceneEvent: ")
                .hasMessageContaining("scene");
        // The failed write must leave nothing behind in the thread's buffers.
        assertThat(roundTrip(SampleRecords.sceneEvent())).isEqualTo(SampleRecords.sceneEvent());
    }
}
