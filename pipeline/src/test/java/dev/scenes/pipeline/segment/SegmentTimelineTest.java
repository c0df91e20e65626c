package dev.scenes.pipeline.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Segment and sample arithmetic, with hand-computed positions. */
class SegmentTimelineTest extends SegmentTestBase {

    private final SegmentTimeline timeline = new SegmentTimeline(10_000_000);

    @Test
    void shouldAlignSegmentsToMultiplesOfTheirLengthSinceTheEpoch() {
        long t = micros(T0.plusMillis(3_250));
        long index = timeline.index(t);

        assertThat(timeline.start(index)).isEqualTo(micros(T0));
        assertThat(timeline.end(index)).isEqualTo(micros(T1));
        assertThat(timeline.timerMillis(index)).isEqualTo(T1.toEpochMilli() - 1);
        assertThat(timeline.indexOfTimer(timeline.timerMillis(index))).isEqualTo(index);
    }

    @Test
    void shouldSplitAStraddlingChunkAtTheSampleThatCrossesTheBoundary() {
        // 1 s at 48 kHz from 0.25 s before the boundary: 12 000 samples before, 36 000 after.
        float[] samples = new float[48_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        List<SegmentTimeline.Piece> pieces = timeline.split(micros(T1) - 250_000, 48_000, samples);

        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0).index()).isEqualTo(timeline.index(micros(T0)));
        assertThat(pieces.get(0).audio().samples()).hasSize(12_000);
        assertThat(pieces.get(1).index()).isEqualTo(timeline.index(micros(T1)));
        assertThat(pieces.get(1).audio().startMicros()).isEqualTo(micros(T1));
        assertThat(pieces.get(1).audio().samples()[0]).isEqualTo(12_000f);
        assertThat(pieces.get(1).audio().samples()).hasSize(36_000);
    }

    @Test
    void shouldPutASampleJustAfterTheBoundaryIntoTheNextSegment() {
        // At 44.1 kHz sample 11 025 of a chunk starting 0.25 s early sits exactly on the boundary.
        List<SegmentTimeline.Piece> pieces =
                timeline.split(micros(T1) - 250_000, 44_100, new float[22_050]);

        assertThat(pieces.get(0).audio().samples()).hasSize(11_025);
        assertThat(pieces.get(1).audio().samples()).hasSize(11_025);
    }

    @Test
    void shouldRoundSamplePositionsToTheNearestSample() {
        assertThat(SegmentTimeline.samples(500_000, 44_100)).isEqualTo(22_050);
        assertThat(SegmentTimeline.samples(22, 44_100)).isEqualTo(1);
        assertThat(SegmentTimeline.micros(22_050, 44_100)).isEqualTo(500_000);
        assertThat(SegmentTimeline.tolerance(44_100)).isEqualTo(11);
    }
}
