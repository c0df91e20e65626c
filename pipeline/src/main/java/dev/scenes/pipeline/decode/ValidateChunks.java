package dev.scenes.pipeline.decode;

import dev.scenes.pipeline.deadletter.DeadLetter;
import dev.scenes.pipeline.deadletter.RejectReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The job's first stage: runs {@link ChunkValidator} on every raw record, emits valid chunks and
 * sends dead letters to the {@link #REJECTED} side output. Nothing a producer sends can fail it.
 *
 * <p>"Now" for the future-time check is the operator's processing time, so the operator test
 * harness controls it. Metrics: {@code chunksIn}, {@code chunksValid}, and per reason code {@code
 * reason.<code>.rejected} (every reason but {@code late}, which the classifier counts as {@code
 * chunksLate}).
 */
public final class ValidateChunks extends ProcessFunction<RawRecord, ValidChunk> {

    private static final long serialVersionUID = 1L;

    /** Where the dead letters go. */
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected-chunks", TypeInformation.of(DeadLetter.class));

    private final ChunkValidator validator;
    private transient Counter chunksIn;
    private transient Counter chunksValid;
    private transient Map<RejectReason, Counter> rejected;

    /** Validates against {@code config}. */
    public ValidateChunks(ValidationConfig config) {
        this.validator = new ChunkValidator(config);
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        chunksIn = metrics.counter("chunksIn");
        chunksValid = metrics.counter("chunksValid");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            // Late chunks are told by the classifier (its chunksLate), never here.
            if (reason != RejectReason.LATE) {
                rejected.put(reason, metrics.addGroup("reason", reason.code()).counter("rejected"));
            }
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<ValidChunk> out) {
        chunksIn.inc();
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        Validation result = validator.validate(record, now);
        if (result instanceof Validation.Accepted accepted) {
            chunksValid.inc();
            out.collect(accepted.chunk());
        } else if (result instanceof Validation.Rejected rejection) {
            rejected.get(rejection.letter().reason()).inc();
            ctx.output(REJECTED, rejection.letter());
        }
    }
}
