package dev.scenes.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalibrationMethodTest {

    @Test
    void parsesTheCommandLineForms() {
        assertThat(CalibrationMethod.parse("minmax").isMinMax()).isTrue();
        assertThat(CalibrationMethod.parse("percentile:99.99").tag()).isEqualTo("p99.99");
        assertThat(CalibrationMethod.parse("percentile:99").tag()).isEqualTo("p99");
        assertThatThrownBy(() -> CalibrationMethod.parse("entropy"))
                .hasMessageContaining("expected minmax or percentile:<p>");
    }

    @Test
    void percentileOfAUniformHistogramIsItsQuantile() {
        long[] hist = new long[1000];
        Arrays.fill(hist, 10); // uniform over [-1, 9]

        ActivationRange r = ActivationCalibrator.percentileRange(hist, -1f, 9f, 99.0);

        assertThat((double) r.max()).isCloseTo(8.9, within(0.011));
        assertThat((double) r.min()).isCloseTo(-0.9, within(0.011));
    }

    @Test
    void rangeAlwaysContainsZeroSoReluOutputsGetZeroPointZero() {
        ActivationRange positive = ActivationRange.including(0.5, 6.0);
        ActivationQuant q = ActivationQuant.uint8(positive);

        assertThat(positive.min()).isZero();
        assertThat(q.zeroPoint()).isZero();
        assertThat((double) q.scale()).isCloseTo(6.0 / 255, within(1e-9));
        // scale 1 exactly; zero point 127.5 rounds half to even, as ONNX does.
        assertThat(ActivationQuant.uint8(ActivationRange.including(-127.5, 127.5)).zeroPoint())
                .isEqualTo(128);
    }

    @Test
    void perChannelWeightsUseEachChannelsOwnSymmetricGridAndRoundHalfToEven() {
        // Channel 0 has scale 127/127 = 1, channel 1 scale 254/127 = 2: exact in float.
        ChannelQuantizedWeights q =
                ChannelQuantizedWeights.of(
                        new dev.scenes.trainer.model.Tensor(
                                new long[] {2, 3},
                                new float[] {127f, -63.5f, 62.5f, 64.5f, 254f, -1f}));

        assertThat(q.scales()).containsExactly(1f, 2f);
        assertThat(q.values())
                .containsExactly(
                        (byte) 127, (byte) -64, (byte) 62, (byte) 32, (byte) 127, (byte) 0);
        assertThat(q.nonZero()).isEqualTo(5);
    }
}
