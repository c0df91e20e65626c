package dev.scenes.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The designs against their analytic responses. */
class BiquadCoefficientsTest {

    private static final double FS = 44_100;

    /** Bilinear Butterworth of order 2: {@code |H|^2 = 1 / (1 + r^4)}, r the warped ratio. */
    private static double butterworthDb(double ratio) {
        return -10 * Math.log10(1 + Math.pow(ratio, 4));
    }

    private static double warp(double hz) {
        return Math.tan(Math.PI * hz / FS);
    }

    @Test
    void butterworthLowpassPassesDcAndIsThreeDbDownAtItsCutoff() {
        BiquadCoefficients lp = BiquadCoefficients.lowpass(1000, Math.sqrt(0.5), FS);
        assertThat(lp.magnitude(0, FS)).isCloseTo(1.0, within(1e-9));
        assertThat(20 * Math.log10(lp.magnitude(1000, FS))).isCloseTo(-3.01, within(0.02));
        assertThat(lp.magnitude(10_000, FS)).isLessThan(0.02);
    }

    @Test
    void butterworthConvenienceDesignsAreTheQDesignsAtButterworthQ() {
        assertThat(BiquadCoefficients.butterworthLowpass(1000, FS))
                .isEqualTo(BiquadCoefficients.lowpass(1000, Math.sqrt(0.5), FS));
        assertThat(BiquadCoefficients.butterworthHighpass(200, FS))
                .isEqualTo(BiquadCoefficients.highpass(200, Math.sqrt(0.5), FS));
    }

    @Test
    void butterworthHighpassFollowsTheAnalyticResponseMinus3DbAtItsCorner() {
        double corner = 200;
        BiquadCoefficients hp = BiquadCoefficients.butterworthHighpass(corner, FS);

        assertThat(hp.magnitudeDb(corner, FS)).isCloseTo(-3.01, within(0.02));
        for (double f : new double[] {25, 50, 100, 400, 1000, 5000}) {
            assertThat(hp.magnitudeDb(f, FS))
                    .as("high-pass at %s Hz", f)
                    .isCloseTo(butterworthDb(warp(corner) / warp(f)), within(1e-9));
        }
        assertThat(hp.magnitudeDb(corner / 4, FS)).as("two octaves below").isLessThan(-23.5);
    }

    @Test
    void butterworthLowpassFollowsTheAnalyticResponseMinus3DbAtItsCorner() {
        double corner = 12_000;
        BiquadCoefficients lp = BiquadCoefficients.butterworthLowpass(corner, FS);

        assertThat(lp.magnitudeDb(corner, FS)).isCloseTo(-3.01, within(0.02));
        for (double f : new double[] {1000, 6000, 16_000, 20_000}) {
            assertThat(lp.magnitudeDb(f, FS))
                    .as("low-pass at %s Hz", f)
                    .isCloseTo(butterworthDb(warp(f) / warp(corner)), within(1e-9));
        }
    }

    @Test
    void lowpassAndHighpassGainAtTheirCornerIsQ() {
        for (double q : new double[] {0.5, 0.9, 4}) {
            assertThat(BiquadCoefficients.lowpass(3000, q, FS).magnitude(3000, FS))
                    .as("low-pass, Q %s", q)
                    .isCloseTo(q, within(1e-9));
            assertThat(BiquadCoefficients.highpass(3000, q, FS).magnitude(3000, FS))
                    .as("high-pass, Q %s", q)
                    .isCloseTo(q, within(1e-9));
        }
    }

    @Test
    void bandpassHasUnitGainAtItsCentre() {
        BiquadCoefficients bp = BiquadCoefficients.bandpass(2500, 4, FS);
        assertThat(bp.magnitude(2500, FS)).isCloseTo(1.0, within(1e-9));
        assertThat(bp.magnitude(250, FS)).isLessThan(0.05);
    }

    @Test
    void peakingHasExactlyItsGainAtItsCentreAndLeavesDistantBandsAlone() {
        BiquadCoefficients peak = BiquadCoefficients.peaking(1000, 2, 8, FS);

        assertThat(peak.magnitudeDb(1000, FS)).isCloseTo(8.0, within(1e-9));
        assertThat(peak.magnitudeDb(800, FS)).isBetween(0.5, 8.0);
        assertThat(peak.magnitudeDb(60, FS)).isCloseTo(0.0, within(0.1));
        assertThat(peak.magnitudeDb(16_000, FS)).isCloseTo(0.0, within(0.2));
    }

    @Test
    void highShelfIsFlatAtDcReachesItsGainAtNyquistAndHalfOfItAtItsCorner() {
        BiquadCoefficients shelf = BiquadCoefficients.highShelf(4000, 6, FS);

        assertThat(shelf.magnitudeDb(0, FS)).isCloseTo(0.0, within(1e-9));
        assertThat(shelf.magnitudeDb(FS / 2, FS)).isCloseTo(6.0, within(1e-9));
        assertThat(shelf.magnitudeDb(4000, FS)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void scaledAddsItsGainAtEveryFrequency() {
        BiquadCoefficients shelf = BiquadCoefficients.highShelf(500, 4, FS);
        BiquadCoefficients quieter = shelf.scaled(0.5);

        for (double f : new double[] {0, 100, 500, 5000, 20_000}) {
            assertThat(quieter.magnitudeDb(f, FS) - shelf.magnitudeDb(f, FS))
                    .as("at %s Hz", f)
                    .isCloseTo(20 * Math.log10(0.5), within(1e-9));
        }
    }

    @Test
    void inverseChebyshevIsFlatBelowAndAtLeastItsAttenuationFromItsEdgeToNyquist() {
        double edge = 8000;
        List<BiquadCoefficients> sections =
                BiquadCoefficients.inverseChebyshevLowpass(edge, 50, 8, FS);

        assertThat(sections).hasSize(4);
        assertThat(cascadeDb(sections, 0)).isCloseTo(0.0, within(1e-9));
        for (double f = 100; f <= 0.6 * edge; f += 100) {
            assertThat(cascadeDb(sections, f))
                    .as("passband at %s Hz", f)
                    .isCloseTo(0.0, within(0.1));
        }
        for (double f = edge; f < FS / 2; f += 50) {
            assertThat(cascadeDb(sections, f)).as("stopband at %s Hz", f).isLessThan(-50 + 1e-6);
        }
    }

    @Test
    void designsRejectFrequenciesOutsideZeroToNyquistAndOddOrders() {
        assertThatThrownBy(() -> BiquadCoefficients.lowpass(30_000, 0.7, FS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30000.0 Hz");
        assertThatThrownBy(() -> BiquadCoefficients.bandpass(0, 1, FS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BiquadCoefficients.peaking(1000, 0, 6, FS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q is 0.0");
        assertThatThrownBy(() -> BiquadCoefficients.inverseChebyshevLowpass(8000, 50, 7, FS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order is 7");
    }

    private static double cascadeDb(List<BiquadCoefficients> sections, double hz) {
        double db = 0;
        for (BiquadCoefficients s : sections) {
            db += s.magnitudeDb(hz, FS);
        }
        return db;
    }
}
