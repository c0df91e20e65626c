package dev.scenes.pipeline.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Checks of how Flink serializes the job's stream and state types, with generic (Kryo) types
 * disabled as the job runs them.
 */
public final class FlinkTypes {

    private FlinkTypes() {}

    /** Serializes and deserializes {@code value} with Flink's serializer for {@code type}. */
    public static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** Paths of every part of {@code info} that Flink would hand to Kryo; empty when none. */
    public static List<String> genericParts(TypeInformation<?> info) {
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
