package dev.scenes.pipeline.segment;

import dev.scenes.audio.frontend.StreamingLogMel;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * The mel frames of a sensor's open segments, in keyed {@link MapState} blocks of {@value
 * #FRAMES_PER_BLOCK} frames ({@code 50 x 40} floats, 8 KB for the DCASE frontend), keyed by {@code
 * segment * }{@value #MAX_BLOCKS}{@code + block}.
 *
 * <p>Blocks rather than one array per segment: with RocksDB, a chunk then rewrites only the block
 * its frames land in (at most 8 KB) instead of the whole segment's 80 KB. Frames are stored
 * frame-major as they are produced; {@link #bandMajor} transposes them into the model's input.
 *
 * <p>Use: {@link #begin} a segment, let the frontend {@link #accept} frames, {@link #commit} the
 * touched blocks. One instance per operator; not thread-safe.
 */
final class FrameStore implements StreamingLogMel.FrameConsumer {

    /** Frames per block. */
    static final int FRAMES_PER_BLOCK = 50;

    /** Blocks per segment: the most frames a segment may have is 51 200. */
    static final int MAX_BLOCKS = 1024;

    /** The most frames a segment can store. */
    static final int MAX_FRAMES = FRAMES_PER_BLOCK * MAX_BLOCKS;

    private final MapState<Long, float[]> blocks;
    private final Map<Integer, float[]> touched = new HashMap<>();
    private SegmentState segment;
    private int mels;

    FrameStore(MapState<Long, float[]> blocks) {
        this.blocks = blocks;
    }

    /** Directs frames to {@code segment}, whose model has {@code mels} bands. */
    void begin(SegmentState segment, int mels) {
        this.segment = segment;
        this.mels = mels;
        touched.clear();
    }

    @Override
    public void accept(int frameIndex, float[] logMel) {
        if (frameIndex >= MAX_FRAMES) {
            throw new IllegalStateException(
                    "segment "
                            + segment.index
                            + " reached frame "
                            + frameIndex
                            + "; the frame store holds at most "
                            + MAX_FRAMES);
        }
        int block = frameIndex / FRAMES_PER_BLOCK;
        float[] values = touched.get(block);
        if (values == null) {
            values = load(block);
            touched.put(block, values);
        }
        System.arraycopy(logMel, 0, values, (frameIndex % FRAMES_PER_BLOCK) * mels, mels);
        segment.frames = Math.max(segment.frames, frameIndex + 1);
    }

    /** Writes the blocks touched since {@link #begin} back to the state. */
    void commit() throws Exception {
        for (Map.Entry<Integer, float[]> e : touched.entrySet()) {
            blocks.put(key(segment.index, e.getKey()), e.getValue());
        }
        touched.clear();
    }

    /**
     * The first {@code frames} frames of {@code segment} as the model's band-major input: {@code
     * out[m * frames + t]}. Call after {@link #commit}.
     */
    float[] bandMajor(SegmentState segment, int mels, int frames) throws Exception {
        if (frames > segment.frames) {
            throw new IllegalStateException(
                    "segment "
                            + segment.index
                            + " has "
                            + segment.frames
                            + " frames; "
                            + frames
                            + " wanted");
        }
        float[] out = new float[mels * frames];
        for (int block = 0; block * FRAMES_PER_BLOCK < frames; block++) {
            float[] values = blocks.get(key(segment.index, block));
            int first = block * FRAMES_PER_BLOCK;
            int last = Math.min(frames, first + FRAMES_PER_BLOCK);
            for (int t = first; t < last; t++) {
                int base = (t - first) * mels;
                for (int m = 0; m < mels; m++) {
                    out[m * frames + t] = values[base + m];
                }
            }
        }
        return out;
    }

    /** Removes every block of {@code segment}. */
    void remove(SegmentState segment) throws Exception {
        for (int block = 0; block * FRAMES_PER_BLOCK < segment.frames; block++) {
            blocks.remove(key(segment.index, block));
        }
    }

    private float[] load(int block) {
        try {
            float[] values = blocks.get(key(segment.index, block));
            return values != null ? values : new float[FRAMES_PER_BLOCK * mels];
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot read mel frames of segment " + segment.index + " from keyed state", e);
        }
    }

    static long key(long segment, int block) {
        return segment * MAX_BLOCKS + block;
    }
}
