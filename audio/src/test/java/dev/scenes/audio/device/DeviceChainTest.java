package dev.scenes.audio.device;

import static dev.scenes.audio.device.Measure.RATE;
import static dev.scenes.audio.device.Measure.rmsDb;
import static dev.scenes.audio.device.Measure.whiteNoise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The streaming chain: nonlinear stages, chunking, determinism. */
class DeviceChainTest {

    private static DeviceProfile transparentWith(Agc agc, double clip, Quantization q) {
        return new DeviceProfile(0, 0, List.of(), 0, 0, Double.NEGATIVE_INFINITY, agc, clip, q, 0);
    }

    private static float[] scaled(float[] x, double factor) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * factor);
        }
        return y;
    }

    @Test
    void agcBringsQuietAndLoudInputsCloserInLevel() {
        DeviceProfile agc =
                transparentWith(
                        new Agc(-20, 20, 5, 300, 0.8), Double.POSITIVE_INFINITY, Quantization.NONE);
        float[] noise = whiteNoise(3 * RATE, 1, 3);
        float[] quiet = scaled(noise, 0.003); // about -50 dBFS
        float[] loud = scaled(noise, 0.3); // about -10 dBFS

        float[] quietOut = DeviceChain.apply(agc, RATE, 1, quiet);
        float[] loudOut = DeviceChain.apply(agc, RATE, 1, loud);

        int settled = RATE; // skip the first second while the AGC settles
        double inputGap = rmsDb(loud, settled, loud.length) - rmsDb(quiet, settled, quiet.length);
        double outputGap =
                rmsDb(loudOut, settled, loudOut.length) - rmsDb(quietOut, settled, quietOut.length);
        assertThat(inputGap).isCloseTo(40, within(0.1));
        assertThat(outputGap).isGreaterThan(0).isLessThan(inputGap - 20);
    }

    @ParameterizedTest
    @EnumSource(
            value = Device.class,
            names = {"B", "C", "S2", "S4", "S5", "S6"})
    void everyAgcDeviceNarrowsTheLevelGapBetweenQuietAndLoudScenes(Device device) {
        float[] noise = whiteNoise(3 * RATE, 1, 4);
        float[] quiet = DeviceChain.apply(device.profile(), RATE, 1, scaled(noise, 0.005));
        float[] loud = DeviceChain.apply(device.profile(), RATE, 1, scaled(noise, 0.1));

        double outputGap = rmsDb(loud, RATE, loud.length) - rmsDb(quiet, RATE, quiet.length);
        assertThat(outputGap).as("%s, input gap 26 dB", device).isLessThan(26 - 3);
    }

    @Test
    void clippingBoundsEverySampleToTheClipLevel() {
        double clip = 0.3;
        float[] loud = whiteNoise(RATE, 0.5, 8);
        float[] out =
                DeviceChain.apply(transparentWith(Agc.OFF, clip, Quantization.NONE), RATE, 1, loud);

        double peak = 0;
        for (float v : out) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertThat(peak).isEqualTo((float) clip);
    }

    @ParameterizedTest
    @EnumSource(
            value = Device.class,
            names = {"B", "C", "S1", "S2", "S3", "S4"})
    void devicesWithoutBandLimitNeverExceedTheirClipLevelByMoreThanHalfAStep(Device device) {
        DeviceProfile p = device.profile();
        float[] out = DeviceChain.apply(p, RATE, 1, whiteNoise(RATE, 2.0, 2));
        double bound = p.clipLevel() + Math.pow(2, -p.quantization().bits());
        for (float v : out) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Device.class,
            names = {"S5", "S6"})
    void bandLimitedDevicesKeepEnergyAboveTheirLimitAtLeast40DbDown(Device device) {
        DeviceProfile p = device.profile();
        float[] out = DeviceChain.apply(p, RATE, 1, whiteNoise(1 << 17, 0.1, 6));

        assertThat(Measure.energyAboveRelativeToBelowDb(out, p.bandLimitHz()))
                .as("%s, limit %s Hz", device, p.bandLimitHz())
                .isLessThan(-40);
    }

    @Test
    void uniformQuantizationPutsEverySampleOnItsGrid() {
        float[] out =
                DeviceChain.apply(
                        transparentWith(Agc.OFF, 1, Quantization.pcm(8)),
                        RATE,
                        1,
                        whiteNoise(10_000, 0.2, 1));
        Set<Float> levels = new HashSet<>();
        for (float v : out) {
            assertThat(v * 128).isEqualTo((float) Math.rint(v * 128));
            levels.add(v);
        }
        assertThat(levels.size()).isGreaterThan(20).isLessThanOrEqualTo(256);
    }

    @Test
    void muLawMatchesTheLogarithmicCompandingFormula() {
        int bits = 8;
        int steps = (1 << (bits - 1)) - 1;
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            // Log-uniform magnitudes from 1e-5 to 1, either sign.
            x[i] = Math.pow(10, -5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        }
        double[] q = x.clone();
        SampleQuantizer.of(Quantization.muLaw(bits)).quantize(q, q.length);

        for (int i = 0; i < x.length; i++) {
            double companded = Math.log1p(255 * Math.abs(x[i])) / Math.log1p(255);
            double code = Math.rint(companded * steps);
            double expected = Math.copySign((Math.pow(256, code / steps) - 1) / 255, x[i]);
            assertThat(q[i]).as("mu-law of %s", x[i]).isCloseTo(expected, within(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(Device.class)
    void anyChunkingGivesBitIdenticalOutput(Device device) {
        float[] input = whiteNoise(RATE / 2, 0.2, 11);
        float[] whole = DeviceChain.apply(device.profile(), RATE, 42, input);

        SplittableRandom random = new SplittableRandom(device.ordinal());
        for (int trial = 0; trial < 3; trial++) {
            float[] chunked = input.clone();
            DeviceChain chain = new DeviceChain(device.profile(), RATE, 42);
            int at = 0;
            while (at < chunked.length) {
                int size = Math.min(chunked.length - at, random.nextInt(0, 1200));
                chain.process(chunked, at, size);
                at += size;
            }
            assertThat(chunked).as("%s, trial %d", device, trial).containsExactly(whole);
        }
    }

    @ParameterizedTest
    @EnumSource(Device.class)
    void sameSeedGivesSameOutputAndAnotherSeedOtherNoise(Device device) {
        float[] input = whiteNoise(RATE / 4, 0.1, 12);

        float[] first = DeviceChain.apply(device.profile(), RATE, 7, input);
        float[] again = DeviceChain.apply(device.profile(), RATE, 7, input);
        float[] other = DeviceChain.apply(device.profile(), RATE, 8, input);

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void selfNoiseOnSilenceHasTheProfiledLevel() {
        DeviceProfile noisy = DeviceProfile.TRANSPARENT.withSelfNoiseDbfs(-40);
        float[] out = DeviceChain.apply(noisy, RATE, 1, new float[4 * RATE]);

        assertThat(rmsDb(out, 0, out.length)).isCloseTo(-40, within(0.1));
    }
}
