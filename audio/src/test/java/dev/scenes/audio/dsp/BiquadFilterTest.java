package dev.scenes.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The stateful runner: its output against the design's response, its in-place designs. */
class BiquadFilterTest {

    private static final double FS = 44_100;

    @Test
    void filteringASineScalesItByTheMagnitudeResponse() {
        BiquadFilter hp = BiquadFilter.highpass(500, 0.7, FS);
        double expected = hp.coefficients().magnitude(300, FS);
        double peak = 0;
        for (int n = 0; n < 44_100; n++) {
            double y = hp.process(Math.sin(2 * Math.PI * 300 * n / FS));
            if (n > 22_050) {
                peak = Math.max(peak, Math.abs(y));
            }
        }
        assertThat(peak).isCloseTo(expected, within(1e-3));
    }

    @Test
    void powerGainOfAnAllPassingSectionIsOne() {
        BiquadFilter identity = new BiquadFilter(FS);
        assertThat(BiquadFilter.powerGain(identity)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void powerGainLeavesTheFiltersStateAlone() {
        BiquadFilter lp = BiquadFilter.lowpass(1000, 0.7, FS);
        BiquadFilter twin = BiquadFilter.lowpass(1000, 0.7, FS);
        lp.process(1.0);
        twin.process(1.0);

        BiquadFilter.powerGain(lp);

        assertThat(lp.process(0.5)).isEqualTo(twin.process(0.5));
    }

    @Test
    void blockAndSampleProcessingGiveTheSameOutput() {
        BiquadFilter a = BiquadFilter.peaking(2000, 1.5, 6, FS);
        BiquadFilter b = BiquadFilter.peaking(2000, 1.5, 6, FS);
        float[] block = new float[1000];
        for (int n = 0; n < block.length; n++) {
            block[n] = (float) Math.sin(0.37 * n) * (n % 7 == 0 ? 1f : 0.25f);
        }
        float[] expected = new float[block.length];
        for (int n = 0; n < block.length; n++) {
            expected[n] = (float) b.process(block[n]);
        }

        a.process(block, 0, 400);
        a.process(block, 400, 600);

        assertThat(block).containsExactly(expected);
    }

    @Test
    void inPlaceDesignsMatchTheCoefficientDesignsAndClampTheirFrequency() {
        BiquadFilter f = new BiquadFilter(FS);

        f.setBandpass(2500, 4);
        assertThat(f.coefficients()).isEqualTo(BiquadCoefficients.bandpass(2500, 4, FS));
        f.setPeaking(1800, 1.2, 6);
        assertThat(f.coefficients()).isEqualTo(BiquadCoefficients.peaking(1800, 1.2, 6, FS));
        f.setLowpass(30_000, 0.7);
        assertThat(f.coefficients()).isEqualTo(BiquadCoefficients.lowpass(0.45 * FS, 0.7, FS));
        f.setHighpass(0.01, 0.7);
        assertThat(f.coefficients()).isEqualTo(BiquadCoefficients.highpass(1, 0.7, FS));
    }

    @Test
    void silenceDoesNotDecayIntoSubnormalNumbers() {
        BiquadFilter lp = BiquadFilter.lowpass(1000, 0.7, FS);
        double y = lp.process(1.0);
        for (int n = 0; n < 100_000; n++) {
            y = lp.process(0.0);
        }
        // The guard settles the output at its own value times the DC gain of 1, far above the
        // subnormal range that starts at Double.MIN_NORMAL (2.2e-308).
        assertThat(y).isCloseTo(1e-25, within(1e-30));
    }
}
