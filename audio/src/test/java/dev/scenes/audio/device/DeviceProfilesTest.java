package dev.scenes.audio.device;

import static dev.scenes.audio.device.Measure.RATE;
import static dev.scenes.audio.device.Measure.impulseResponse;
import static dev.scenes.audio.device.Measure.magnitudeDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The nine device profiles: measured responses, their differences, severity. */
class DeviceProfilesTest {

    private static final int LENGTH = 1 << 15;

    /** Third-octave-ish grid from 63 Hz to 16 kHz. */
    private static final double[] GRID = grid();

    private static double[] grid() {
        List<Double> f = new ArrayList<>();
        for (double hz = 63; hz <= 16_000; hz *= Math.pow(2, 1.0 / 3)) {
            f.add(hz);
        }
        return f.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Measured response on {@link #GRID}, minus its value at 1 kHz: the shape, not the gain. */
    private static double[] shape(DeviceProfile profile) {
        float[] h = impulseResponse(profile.linearPart(), LENGTH);
        double reference = magnitudeDb(h, 1000);
        double[] shape = new double[GRID.length];
        for (int i = 0; i < GRID.length; i++) {
            shape[i] = magnitudeDb(h, GRID[i]) - reference;
        }
        return shape;
    }

    private static double largestDifference(double[] x, double[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(Device.class)
    void measuredResponseMatchesTheDesignedResponseOfTheProfile(Device device) {
        DeviceProfile linear = device.profile().linearPart();
        DeviceChain chain = new DeviceChain(linear, RATE, 1);
        float[] h = impulseResponse(linear, LENGTH);

        for (double f : GRID) {
            assertThat(magnitudeDb(h, f))
                    .as("%s at %.0f Hz", device, f)
                    .isCloseTo(chain.responseDb(f), within(0.05));
        }
    }

    @ParameterizedTest
    @EnumSource(Device.class)
    void eachResonanceLiftsItsBandAboveWhatTheOtherStagesGive(Device device) {
        DeviceProfile p = device.profile();
        for (Resonance r : p.resonances()) {
            List<Resonance> others = new ArrayList<>(p.resonances());
            others.remove(r);
            DeviceProfile without =
                    new DeviceProfile(
                            p.highpassHz(),
                            p.lowpassHz(),
                            others,
                            p.tiltDbPerOctave(),
                            p.gainDb(),
                            p.selfNoiseDbfs(),
                            p.agc(),
                            p.clipLevel(),
                            p.quantization(),
                            p.bandLimitHz());
            double with = magnitudeDb(impulseResponse(p.linearPart(), LENGTH), r.frequencyHz());
            double base =
                    magnitudeDb(impulseResponse(without.linearPart(), LENGTH), r.frequencyHz());
            assertThat(with - base)
                    .as("%s resonance %s", device, r)
                    .isCloseTo(r.gainDb(), within(0.05));
        }
    }

    @ParameterizedTest
    @EnumSource(Device.class)
    void highpassDevicesCutTwoOctavesBelowTheirCorner(Device device) {
        DeviceProfile p = device.profile();
        if (p.highpassHz() == 0) {
            return;
        }
        float[] h = impulseResponse(p.linearPart(), LENGTH);
        assertThat(magnitudeDb(h, p.highpassHz() / 4) - magnitudeDb(h, 1000))
                .as("%s two octaves below its %s Hz corner", device, p.highpassHz())
                .isLessThan(-15);
    }

    @Test
    void referenceDeviceIsFlatWithinATenthOfADecibel() {
        for (double value : shape(Device.A.profile())) {
            assertThat(value).isCloseTo(0.0, within(0.1));
        }
    }

    @Test
    void everyPairOfDevicesDiffersBySeveralDecibelsSomewhere() {
        Map<Device, double[]> shapes = new EnumMap<>(Device.class);
        for (Device d : Device.values()) {
            shapes.put(d, shape(d.profile()));
        }
        for (Device x : Device.values()) {
            for (Device y : Device.values()) {
                if (x.ordinal() < y.ordinal()) {
                    double difference = largestDifference(shapes.get(x), shapes.get(y));
                    double needed = (!x.seenInTraining() || !y.seenInTraining()) ? 6 : 3;
                    assertThat(difference).as("%s vs %s, dB", x, y).isGreaterThan(needed);
                }
            }
        }
    }

    @Test
    void severityZeroIsTransparentBitForBit() {
        float[] input = Measure.whiteNoise(10_000, 0.3, 5);
        for (Device d : Device.values()) {
            float[] output = DeviceChain.apply(d.profile().withSeverity(0), RATE, 9, input);
            assertThat(output).as("%s at severity 0", d).containsExactly(input);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Device.class,
            names = {"A"},
            mode = EnumSource.Mode.EXCLUDE)
    void higherSeverityColoursTheResponseMore(Device device) {
        double[] flat = new double[GRID.length];
        double half = largestDifference(shape(device.profile().withSeverity(0.5)), flat);
        double one = largestDifference(shape(device.profile()), flat);
        double twice = largestDifference(shape(device.profile().withSeverity(2)), flat);

        assertThat(half).isLessThan(one);
        assertThat(one).isLessThan(twice);
    }

    @Test
    void severityScalesEachDeviationAsDocumented() {
        DeviceProfile p = Device.S6.profile();
        DeviceProfile harsh = p.withSeverity(2);

        assertThat(harsh.highpassHz()).isEqualTo(2 * p.highpassHz());
        assertThat(harsh.bandLimitHz()).isEqualTo(p.bandLimitHz() / 2);
        assertThat(harsh.resonances().get(0).gainDb())
                .isEqualTo(2 * p.resonances().get(0).gainDb());
        assertThat(harsh.selfNoiseDbfs()).isCloseTo(p.selfNoiseDbfs() + 6.02, within(0.01));
        assertThat(harsh.clipLevel()).isCloseTo(p.clipLevel() * p.clipLevel(), within(1e-12));
        assertThat(harsh.quantization()).isEqualTo(Quantization.muLaw(4));
        assertThat(harsh.agc().strength()).isEqualTo(1.0);
        assertThat(p.withSeverity(0)).isEqualTo(DeviceProfile.TRANSPARENT);
    }

    @Test
    void negativeSeverityIsRejectedWithWhatIsExpected() {
        assertThatThrownBy(() -> Device.B.profile().withSeverity(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("severity is -1.0; expected a finite value >= 0 (1 = as profiled)");
    }

    @Test
    void labelsRoundTripAndMarkSimulatedAndUnseenDevices() {
        for (Device d : Device.values()) {
            assertThat(Device.fromLabel(d.label())).isEqualTo(d);
        }
        assertThat(Device.fromLabel("S4")).isEqualTo(Device.S4);
        assertThat(Device.B.label()).isEqualTo("b");
        assertThat(Device.S3.label()).isEqualTo("s3");
        assertThat(Device.C.simulated()).isFalse();
        assertThat(Device.S1.simulated()).isTrue();
        assertThat(Device.S3.seenInTraining()).isTrue();
        assertThat(Device.S4.seenInTraining()).isFalse();
        assertThat(Device.S6.seenInTraining()).isFalse();
        assertThatThrownBy(() -> Device.fromLabel("d"))
                .hasMessage(
                        "unknown device label 'd'; expected one of a, b, c, s1, s2, s3, s4, s5,"
                                + " s6");
    }
}
