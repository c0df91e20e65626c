package dev.scenes.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysByCosineToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1f, 10, 110, 0);
        assertThat(s.at(0)).isCloseTo(0.1f, within(1e-6f));
        assertThat(s.at(9)).isCloseTo(1f, within(1e-6f));
        assertThat(s.at(60)).isCloseTo(0.505f, within(1e-3f)); // half-way: floor + half the rest
        assertThat(s.at(110)).isCloseTo(LearningRateSchedule.FLOOR, within(1e-6f));
        for (int i = 10; i < 110; i++) {
            assertThat(s.at(i + 1)).isLessThanOrEqualTo(s.at(i));
        }
    }

    @Test
    void aResumedOptimizerContinuesTheSchedule() {
        LearningRateSchedule fresh = new LearningRateSchedule(1f, 10, 110, 0);
        LearningRateSchedule resumed = new LearningRateSchedule(1f, 10, 110, 40);
        // DJL's optimizers count updates from 1.
        assertThat(resumed.getNewValue(1)).isEqualTo(fresh.getNewValue(41));
    }
}
