package dev.scenes.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scenes.audio.device.DeviceChain;
import dev.scenes.audio.device.DeviceProfile;
import dev.scenes.audio.device.Resonance;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomDeviceTest {

    private static final int DRAWS = 4000;

    @Test
    void theSameSeedDrawsTheSameDeviceAndOtherSeedsDrawOthers() {
        assertThat(RandomDevice.draw(7)).isEqualTo(RandomDevice.draw(7));
        assertThat(RandomDevice.draw(7)).isNotEqualTo(RandomDevice.draw(8));
    }

    @Test
    void drawnDevicesStayInTheDocumentedRanges() {
        for (long seed = 0; seed < DRAWS; seed++) {
            DeviceProfile d = RandomDevice.draw(seed);
            assertThat(d.highpassHz()).isBetween(30.0, 500.0);
            assertThat(d.lowpassHz() == 0 || (d.lowpassHz() >= 6_000 && d.lowpassHz() <= 18_000))
                    .isTrue();
            assertThat(d.resonances()).hasSizeLessThanOrEqualTo(3);
            for (Resonance r : d.resonances()) {
                assertThat(r.frequencyHz()).isBetween(150.0, 8_000.0);
                assertThat(r.gainDb()).isBetween(-10.0, 12.0);
                assertThat(r.q()).isBetween(0.7, 5.0);
            }
            assertThat(d.tiltDbPerOctave()).isBetween(-2.5, 2.5);
            assertThat(d.gainDb()).isBetween(-6.0, 8.0);
            assertThat(d.selfNoiseDbfs()).isBetween(-90.0, -50.0);
            assertThat(
                            d.clipLevel() == Double.POSITIVE_INFINITY
                                    || (d.clipLevel() >= 0.4 && d.clipLevel() <= 1))
                    .isTrue();
            int bits = d.quantization().bits();
            assertThat(bits == 0 || bits == 16 || (bits >= 8 && bits <= 12)).isTrue();
            assertThat(!d.quantization().muLaw() || bits == 8).isTrue();
            assertThat(
                            d.bandLimitHz() == 0
                                    || (d.bandLimitHz() >= 6_000 && d.bandLimitHz() <= 16_000))
                    .isTrue();
        }
    }

    @Test
    void effectsAreSwitchedOnAsOftenAsDocumented() {
        int lowpass = 0;
        int agc = 0;
        int clip = 0;
        int band = 0;
        int muLaw = 0;
        int none = 0;
        int resonances = 0;
        for (long seed = 0; seed < DRAWS; seed++) {
            DeviceProfile d = RandomDevice.draw(seed);
            lowpass += d.lowpassHz() > 0 ? 1 : 0;
            agc += d.agc().active() ? 1 : 0;
            clip += d.clipLevel() <= 1 ? 1 : 0;
            band += d.bandLimitHz() > 0 ? 1 : 0;
            muLaw += d.quantization().muLaw() ? 1 : 0;
            none += d.quantization().active() ? 0 : 1;
            resonances += d.resonances().size();
        }
        // Binomial standard deviations at 4000 draws are <= 0.8 %; 3 % is about four of them.
        assertThat(lowpass / (double) DRAWS).isCloseTo(0.6, within(0.03));
        assertThat(agc / (double) DRAWS).isCloseTo(0.5, within(0.03));
        assertThat(clip / (double) DRAWS).isCloseTo(0.4, within(0.03));
        assertThat(band / (double) DRAWS).isCloseTo(0.4, within(0.03));
        assertThat(muLaw / (double) DRAWS).isCloseTo(0.15, within(0.03));
        assertThat(none / (double) DRAWS).isCloseTo(0.2, within(0.03));
        assertThat(resonances / (double) DRAWS)
                .as("0-3 resonances, mean 1.5")
                .isCloseTo(1.5, within(0.08));
    }

    @Test
    void everyDrawnDeviceRendersFiniteAudibleSound() {
        int rate = 44_100;
        float[] noise = new float[rate / 2];
        Random r = new Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.1 * r.nextGaussian());
        }
        for (long seed = 0; seed < 200; seed++) {
            DeviceProfile d = RandomDevice.draw(seed);
            float[] out = DeviceChain.apply(d, rate, seed, noise);
            double energy = 0;
            for (float v : out) {
                assertThat(Float.isFinite(v)).as("device %s", d).isTrue();
                energy += v * v;
            }
            double rmsDb = 10 * Math.log10(energy / out.length);
            assertThat(rmsDb).as("device %s", d).isGreaterThan(-60);
            if (d.clipLevel() <= 1 && d.bandLimitHz() == 0) {
                // Quantization after the clipper rounds by less than one step (8-bit PCM 0.008;
                // 8-bit mu-law about 0.022 near half scale). A band limit, last in the chain,
                // rings above the clip level, so those devices are not checked.
                float step = d.quantization().muLaw() ? 0.03f : 0.01f;
                for (float v : out) {
                    assertThat(Math.abs(v)).isLessThanOrEqualTo((float) d.clipLevel() + step);
                }
            }
        }
    }
}
