package dev.scenes.sensor.pace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.sensor.testing.FakeTicker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PacerTest {

    @Test
    void shouldReleaseEachChunkAtItsAudioTimeDividedBySpeed() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(ticker, 2.0, () -> false);
        long origin = ticker.nanoTime();
        pacer.start();
        for (int k = 1; k <= 5; k++) {
            assertThat(pacer.awaitAudioTime(k * 100_000L)).isTrue();
            // 100 ms of audio at speed 2 every 50 ms, exactly.
            assertThat(ticker.nanoTime() - origin).isEqualTo(k * 50_000_000L);
        }
    }

    @Test
    void shouldMakeUpForLateWakeUpsInsteadOfDrifting() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(ticker, 1.0, () -> false);
        long origin = ticker.nanoTime();
        pacer.start();
        pacer.awaitAudioTime(100_000L);
        ticker.advance(30_000_000L); // a slow send: 30 ms
        pacer.awaitAudioTime(200_000L);
        assertThat(ticker.nanoTime() - origin).isEqualTo(200_000_000L);
        ticker.advance(250_000_000L); // far behind: the next chunks go at once
        long before = ticker.nanoTime();
        pacer.awaitAudioTime(300_000L);
        pacer.awaitAudioTime(400_000L);
        assertThat(ticker.nanoTime()).isEqualTo(before);
        assertThat(pacer.lagNanos(400_000L)).isEqualTo(50_000_000L);
    }

    @Test
    void shouldNotWaitAtSpeedZero() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(ticker, 0, () -> false);
        pacer.start();
        assertThat(pacer.awaitAudioTime(3_600_000_000L)).isTrue();
        assertThat(ticker.sleptNanos()).isZero();
        assertThat(pacer.lagNanos(3_600_000_000L)).isZero();
    }

    @Test
    void shouldEndAWaitWithinOneSliceOfAStopRequest() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        AtomicBoolean stop = new AtomicBoolean();
        Pacer pacer =
                new Pacer(
                        new Ticker() {
                            @Override
                            public long nanoTime() {
                                return ticker.nanoTime();
                            }

                            @Override
                            public void sleep(long nanos) {
                                ticker.sleep(nanos);
                                stop.set(true); // Ctrl-C during the first slice
                            }
                        },
                        1.0,
                        stop::get);
        pacer.start();
        assertThat(pacer.awaitAudioTime(10_000_000L)).isFalse();
        assertThat(ticker.sleptNanos()).isEqualTo(Pacer.SLICE_NANOS);
    }
}
