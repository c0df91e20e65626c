package dev.scenes.sensor.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkTimelineTest {

    private static final long T0 = 1_750_000_000_000_000L;

    @Test
    void shouldTileTimeWithoutGapsAndNumberChunksFromTheGivenSeq() {
        ChunkTimeline timeline = new ChunkTimeline(42, T0);
        List<ChunkStamp> stamps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            stamps.add(timeline.next(1000, 48_000));
        }
        for (int i = 0; i < stamps.size(); i++) {
            assertThat(stamps.get(i).seq()).isEqualTo(42 + i);
            if (i > 0) {
                assertThat(stamps.get(i).startMicros()).isEqualTo(stamps.get(i - 1).endMicros());
            }
            // 1000 samples at 48 kHz = 20833.33 µs: each stamp is the exact time, rounded down.
            assertThat(stamps.get(i).startMicros())
                    .isEqualTo(T0 + (i * 1000L * 1_000_000L) / 48_000);
        }
        assertThat(timeline.nextSeq()).isEqualTo(142);
        assertThat(timeline.endMicros()).isEqualTo(T0 + 100 * 1000 * 1_000_000L / 48_000);
    }

    @Test
    void shouldNotAccumulateRoundingErrorOverAnHourOfOddChunks() {
        ChunkTimeline timeline = new ChunkTimeline(0, T0);
        long samples = 0;
        ChunkStamp last = null;
        while (samples < 3600L * 44_100) {
            last = timeline.next(441 * 3 + 1, 44_100); // 30.02 ms, not a whole number of µs
            samples += 441 * 3 + 1;
        }
        double exactEnd = T0 + samples * 1e6 / 44_100;
        assertThat((double) last.endMicros()).isBetween(exactEnd - 1, exactEnd);
    }

    @Test
    void shouldGiveExactWholeSecondsForOneSecondChunksAt44k1() {
        ChunkTimeline timeline = new ChunkTimeline(0, T0);
        for (int i = 0; i < 10; i++) {
            ChunkStamp s = timeline.next(44_100, 44_100);
            assertThat(s.endMicros() - s.startMicros()).isEqualTo(1_000_000L);
        }
    }

    @Test
    void shouldContinueFromTheLastEndWhenTheRateChanges() {
        ChunkTimeline timeline = new ChunkTimeline(0, T0);
        ChunkStamp a = timeline.next(333, 48_000); // 6937.5 µs -> ends at T0 + 6937
        ChunkStamp b = timeline.next(100, 16_000); // 6250 µs from there
        assertThat(a.endMicros()).isEqualTo(T0 + 6937);
        assertThat(b.startMicros()).isEqualTo(a.endMicros());
        assertThat(b.endMicros()).isEqualTo(a.endMicros() + 6250);
        assertThat(b.seq()).isEqualTo(1);
    }

    @Test
    void shouldRefuseEmptyChunksAndNegativeSeqs() {
        ChunkTimeline timeline = new ChunkTimeline(0, T0);
        assertThatThrownBy(() -> timeline.next(0, 44_100)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new ChunkTimeline(-1, T0)).hasMessageContaining("nextSeq");
    }
}
