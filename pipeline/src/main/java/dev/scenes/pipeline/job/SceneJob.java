package dev.scenes.pipeline.job;

import dev.scenes.pipeline.deadletter.DeadLetter;
import dev.scenes.pipeline.decode.RawRecord;
import dev.scenes.pipeline.decode.ValidChunk;
import dev.scenes.pipeline.decode.ValidateChunks;
import dev.scenes.pipeline.decode.ValidationConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Builds the job's graph from the sources and sinks it is given, so that {@code main} wires Kafka
 * and tests wire their own (the habit of flink-training and kafka-streams-examples).
 *
 * <p>So far the graph is its first stage: raw records from {@code chunks} are decoded and
 * validated; dead letters go to {@code rejected}; the valid chunks are returned for the stages that
 * follow (event time, segmentation, inference) to plug in.
 */
public final class SceneJob {

    /** Operator uid and name of the source, stable across versions for savepoints. */
    public static final String SOURCE_UID = "audio-chunks-source";

    /** Operator uid and name of the validation stage. */
    public static final String VALIDATE_UID = "validate-chunks";

    /** Operator uid and name of the dead-letter sink. */
    public static final String REJECTED_SINK_UID = "rejected-chunks-sink";

    private SceneJob() {}

    /**
     * Adds the source, decoding and validation, and the dead-letter sink to {@code env}.
     *
     * <p>No watermarks at the source: a record's event time is known only once it is decoded, and a
     * damaged record has none. The next stage assigns them from {@link ValidChunk#startMicros()}.
     *
     * @return the valid chunks
     */
    public static DataStream<ValidChunk> decodeAndValidate(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> chunks,
            Sink<DeadLetter> rejected,
            ValidationConfig config) {
        DataStream<RawRecord> raw =
                env.fromSource(chunks, WatermarkStrategy.noWatermarks(), SOURCE_UID)
                        .uid(SOURCE_UID);
        SingleOutputStreamOperator<ValidChunk> valid =
                raw.process(new ValidateChunks(config)).uid(VALIDATE_UID).name(VALIDATE_UID);
        valid.getSideOutput(ValidateChunks.REJECTED)
                .sinkTo(rejected)
                .uid(REJECTED_SINK_UID)
                .name(REJECTED_SINK_UID);
        return valid;
    }
}
