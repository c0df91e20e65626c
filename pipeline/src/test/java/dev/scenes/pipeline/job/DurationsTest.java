package dev.scenes.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldReadEveryUnitAndZero() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldRefuseWhatIsNotAWholeNumberAndAUnitSayingWhatIsExpected() {
        for (String bad : new String[] {"10", "1.5s", "-1s", "10 s", "10S", "ten", "", "5d"}) {
            assertThatThrownBy(() -> Durations.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "'"
                                    + bad
                                    + "' is not a duration; expected a whole number and a unit"
                                    + " ms, s, m or h, e.g. 500ms, 10s, 2m");
        }
    }

    @Test
    void shouldFormatInTheLargestExactUnitSoThatParsingGivesItBack() {
        for (Duration d :
                new Duration[] {
                    Duration.ZERO,
                    Duration.ofMillis(1500),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(15),
                    Duration.ofHours(2),
                    Duration.ofSeconds(90)
                }) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(15))).isEqualTo("15m");
    }
}
