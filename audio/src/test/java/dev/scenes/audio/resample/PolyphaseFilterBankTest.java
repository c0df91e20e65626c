package dev.scenes.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolyphaseFilterBankTest {

    /**
     * The branches interleaved back into the prototype filter at L times the input rate, whose
     * spectrum is the resampler's frequency response.
     */
    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("dev.scenes.audio.resample.ResamplerTest#ratePairs")
    void kernelResponseMeetsTheDesign(int in, int out) {
        PolyphaseFilterBank bank = Resampler.bank(in, out);
        int up = bank.up();
        int taps = bank.taps();
        int length = up * taps;
        int n = Integer.highestOneBit(8 * length) * 2;
        double[] spectrum = new double[2 * n];
        for (int p = 0; p < up; p++) {
            for (int t = 0; t < taps; t++) {
                spectrum[2 * ((taps - 1 - t) * up + p)] = bank.coefficient(p, t);
            }
        }
        new DoubleFFT_1D(n).complexForward(spectrum);
        double upsampledRate = (double) up * in;
        double stopbandHz = Math.min(in, out) / 2.0;
        double passbandHz = 0.9 * stopbandHz;
        double dcGain = Math.hypot(spectrum[0], spectrum[1]);
        double worstStopband = 0;
        double worstRipple = 0;
        for (int k = 0; k <= n / 2; k++) {
            double f = k * upsampledRate / n;
            double gain = Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]) / dcGain;
            if (f >= stopbandHz) {
                worstStopband = Math.max(worstStopband, gain);
            } else if (f <= passbandHz) {
                worstRipple = Math.max(worstRipple, Math.abs(Signals.db(gain)));
            }
        }

        assertThat(dcGain).as("DC gain = L").isCloseTo(up, within(1e-4 * up));
        assertThat(Signals.db(worstStopband)).as("stopband peak, dB").isLessThan(-84.5);
        assertThat(worstRipple).as("passband ripple, dB").isLessThan(0.001);
    }

    @Test
    void everyBranchHasUnitDcGain() {
        PolyphaseFilterBank bank = Resampler.bank(44_100, 48_000);
        for (int p = 0; p < bank.up(); p++) {
            double sum = 0;
            for (int t = 0; t < bank.taps(); t++) {
                sum += bank.coefficient(p, t);
            }
            assertThat(sum).as("branch %d", p).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void oneBankServesEveryPairWithTheSameRatio() {
        assertThat(Resampler.bank(88_200, 96_000)).isSameAs(Resampler.bank(44_100, 48_000));
    }

    @Test
    void designOf44k1To48kIsReported() {
        ResamplerDesign design = Resampler.design(44_100, 48_000);

        assertThat(design.upFactor()).isEqualTo(160);
        assertThat(design.downFactor()).isEqualTo(147);
        assertThat(design.tapsPerPhase()).isEqualTo(108);
        assertThat(design.kaiserBeta()).isCloseTo(0.1102 * (85 - 8.7), within(1e-12));
        assertThat(design.passbandEdgeHz()).isCloseTo(19_845, within(1e-9));
        assertThat(design.stopbandEdgeHz()).isCloseTo(22_050, within(1e-9));
        assertThat(design.latencyInputSamples()).isEqualTo(54);
    }

    @Test
    void besselI0MatchesTabulatedValues() {
        // Abramowitz & Stegun, table 9.8.
        assertThat(Kaiser.besselI0(0)).isEqualTo(1.0);
        assertThat(Kaiser.besselI0(1)).isCloseTo(1.2660658777520082, within(1e-15));
        assertThat(Kaiser.besselI0(5)).isCloseTo(27.239871823604442, within(1e-12));
        assertThat(Kaiser.besselI0(10)).isCloseTo(2815.716628466254, within(1e-9));
    }
}
