package dev.scenes.pipeline.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.pipeline.deadletter.DeadLetter;
import dev.scenes.pipeline.deadletter.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The types that cross operator boundaries are Flink POJOs all the way down: no Kryo (generic types
 * are disabled in the job, so a regression here would fail the job at start-up).
 */
class FlinkTypesTest extends ChunkTestBase {

    @Test
    void shouldSerializeEveryStreamTypeWithoutKryo() {
        for (Class<?> type : List.of(RawRecord.class, ValidChunk.class, DeadLetter.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThat(genericParts(info)).as(type.getSimpleName() + " Kryo fields").isEmpty();
        }
    }

    @Test
    void shouldRoundTripAValidChunkThroughItsFlinkSerializer() throws Exception {
        ValidChunk chunk =
                ChunkValidatorTest.accepted(
                        new ChunkValidator(CONFIG)
                                .validate(raw(chunk("s1", 3, T0).build(), 11), NOW));
        ValidChunk noSite =
                new ValidChunk(
                        "s2",
                        "d",
                        1,
                        5,
                        8000,
                        SampleEncoding.FLOAT32LE,
                        float32(0.5f),
                        null,
                        Map.of(),
                        "audio-chunks",
                        1,
                        2);

        assertThat(roundTrip(ValidChunk.class, chunk)).isEqualTo(chunk);
        assertThat(roundTrip(ValidChunk.class, noSite)).isEqualTo(noSite);
    }

    @Test
    void shouldRoundTripADeadLetterWithNullKeyAndSensor() throws Exception {
        DeadLetter letter =
                new DeadLetter(
                        RejectReason.UNDECODABLE,
                        "d",
                        1,
                        "audio-chunks",
                        0,
                        9,
                        null,
                        null,
                        new byte[0],
                        0);

        assertThat(roundTrip(DeadLetter.class, letter)).isEqualTo(letter);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static List<String> genericParts(TypeInformation<?> info) {
        List<String> found = new ArrayList<>();
        collectGeneric(info, info.toString(), found);
        return found;
    }

    private static void collectGeneric(TypeInformation<?> info, String path, List<String> found) {
        if (info instanceof GenericTypeInfo<?>) {
            found.add(path + ": " + info);
        }
        if (info instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                collectGeneric(composite.getTypeAt(i), path + "." + i, found);
            }
        }
        for (TypeInformation<?> generic : info.getGenericParameters().values()) {
            collectGeneric(generic, path + "<>", found);
        }
    }
}
