package dev.scenes.pipeline.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.watermark.WatermarkDeclaration;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source that behaves exactly like the one it wraps until the test asks for a failure: then the
 * next reader to poll throws, which fails its task and makes Flink restart the job from its last
 * completed checkpoint. It is the failure injection of the exactly-once tests, in the spirit of
 * flink-connector-kafka's {@code KafkaSinkITCase} (whose failing mapper also listens for completed
 * checkpoints), placed at the start of the chunk path because the job's graph is built from the
 * sources it is given.
 *
 * <p>The control is static, shared between the test and the readers: the MiniCluster runs in the
 * test's JVM. One test at a time uses it ({@link #reset()} first).
 */
public final class FailingSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private static final AtomicBoolean FAIL_NEXT_POLL = new AtomicBoolean();
    private static final AtomicInteger INJECTED = new AtomicInteger();
    private static final AtomicInteger READERS_STARTED = new AtomicInteger();
    private static final AtomicLong LAST_COMPLETED_CHECKPOINT = new AtomicLong(-1);
    private static final AtomicLong COMPLETED_AT_LAST_FAILURE = new AtomicLong(-1);

    private final Source<T, S, E> delegate;
    private final TypeInformation<T> type;

    private FailingSource(Source<T, S, E> delegate, TypeInformation<T> type) {
        this.delegate = delegate;
        this.type = type;
    }

    /** {@code source}, failing on demand. */
    public static <T, S extends SourceSplit, E, X extends Source<T, S, E> & ResultTypeQueryable<T>>
            FailingSource<T, S, E> wrap(X source) {
        return new FailingSource<>(source, source.getProducedType());
    }

    /** Forgets every earlier failure, reader and checkpoint. */
    public static void reset() {
        FAIL_NEXT_POLL.set(false);
        INJECTED.set(0);
        READERS_STARTED.set(0);
        LAST_COMPLETED_CHECKPOINT.set(-1);
        COMPLETED_AT_LAST_FAILURE.set(-1);
    }

    /** Makes the next reader that polls throw (once). */
    public static void failNextPoll() {
        FAIL_NEXT_POLL.set(true);
    }

    /** How many failures were injected. */
    public static int injected() {
        return INJECTED.get();
    }

    /** How many readers were started: the parallelism times (1 + restarts). */
    public static int readersStarted() {
        return READERS_STARTED.get();
    }

    /** The id of the last checkpoint a reader heard completed, or -1. */
    public static long lastCompletedCheckpoint() {
        return LAST_COMPLETED_CHECKPOINT.get();
    }

    /** Whether a checkpoint completed after the last injected failure (or ever, before one). */
    public static boolean checkpointCompletedSinceLastFailure() {
        return LAST_COMPLETED_CHECKPOINT.get() > COMPLETED_AT_LAST_FAILURE.get();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(delegate.createReader(context));
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return delegate.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public Set<? extends WatermarkDeclaration> declareWatermarks() {
        return delegate.declareWatermarks();
    }

    /** Delegates everything; {@link #pollNext} throws when a failure is asked for. */
    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {

        private final SourceReader<T, S> delegate;

        Reader(SourceReader<T, S> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start() {
            READERS_STARTED.incrementAndGet();
            delegate.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (FAIL_NEXT_POLL.compareAndSet(true, false)) {
                COMPLETED_AT_LAST_FAILURE.set(LAST_COMPLETED_CHECKPOINT.get());
                int n = INJECTED.incrementAndGet();
                throw new IllegalStateException(
                        "injected failure "
                                + n
                                + " after checkpoint "
                                + LAST_COMPLETED_CHECKPOINT.get()
                                + " (test): the job must resume from that checkpoint");
            }
            return delegate.pollNext(output);
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            delegate.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            delegate.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            delegate.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            delegate.notifyCheckpointComplete(checkpointId);
            LAST_COMPLETED_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            delegate.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(
                java.util.Collection<String> toPause, java.util.Collection<String> toResume) {
            delegate.pauseOrResumeSplits(toPause, toResume);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}
