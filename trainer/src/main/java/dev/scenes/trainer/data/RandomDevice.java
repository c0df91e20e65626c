package dev.scenes.trainer.data;

import dev.scenes.audio.device.Agc;
import dev.scenes.audio.device.DeviceProfile;
import dev.scenes.audio.device.Quantization;
import dev.scenes.audio.device.Resonance;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random recording devices for raw-audio device augmentation: a broad prior over the kinds of
 * effect a phone, camera, voice recorder or messaging codec has on a recording, drawn as {@link
 * DeviceProfile}s that {@link dev.scenes.audio.device.DeviceChain} renders.
 *
 * <p>The prior is generic, not fitted to any device of a dataset: every effect of the profile is
 * drawn independently from wide ranges (and switched off part of the time), so most drawn devices
 * are harsher combinations than any single real one. Ranges:
 *
 * <ul>
 *   <li>high-pass 30-500 Hz (log-uniform); low-pass 6-18 kHz in 60 % of devices;
 *   <li>0-3 resonances at 150 Hz-8 kHz, -10..+12 dB, Q 0.7-5;
 *   <li>tilt -2.5..+2.5 dB per octave, gain -6..+8 dB, self-noise -90..-50 dBFS;
 *   <li>AGC in half of the devices (target -20..-10 dBFS, up to 4-22 dB, attack 2-30 ms, release
 *       200-1000 ms, strength 0.2-1);
 *   <li>clipping at 0.4-1.0 of full scale in 40 %;
 *   <li>quantization: none 20 %, 16-bit 35 %, 10-12 bit 20 %, 8-bit 10 %, 8-bit mu-law 15 %;
 *   <li>a band limit at 6-16 kHz (as if recorded at a lower rate) in 40 %.
 * </ul>
 */
public final class RandomDevice {

    /** Identifies the prior in cache fingerprints: change it when a range changes. */
    public static final String PRIOR_VERSION = "device-prior-v1";

    private RandomDevice() {}

    /** The device drawn from {@code seed}: the same seed always gives the same profile. */
    public static DeviceProfile draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double highpass = logUniform(r, 30, 500);
        double lowpass = r.nextDouble() < 0.6 ? logUniform(r, 6_000, 18_000) : 0;
        int count = r.nextInt(4);
        List<Resonance> resonances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            resonances.add(
                    new Resonance(
                            logUniform(r, 150, 8_000), uniform(r, -10, 12), logUniform(r, 0.7, 5)));
        }
        double tilt = uniform(r, -2.5, 2.5);
        double gain = uniform(r, -6, 8);
        double selfNoise = uniform(r, -90, -50);
        Agc agc =
                r.nextDouble() < 0.5
                        ? new Agc(
                                uniform(r, -20, -10),
                                uniform(r, 4, 22),
                                logUniform(r, 2, 30),
                                logUniform(r, 200, 1_000),
                                uniform(r, 0.2, 1))
                        : Agc.OFF;
        double clip = r.nextDouble() < 0.4 ? uniform(r, 0.4, 1) : Double.POSITIVE_INFINITY;
        double q = r.nextDouble();
        Quantization quantization;
        if (q < 0.2) {
            quantization = Quantization.NONE;
        } else if (q < 0.55) {
            quantization = Quantization.pcm(16);
        } else if (q < 0.75) {
            quantization = Quantization.pcm(10 + r.nextInt(3));
        } else if (q < 0.85) {
            quantization = Quantization.pcm(8);
        } else {
            quantization = Quantization.muLaw(8);
        }
        double bandLimit = r.nextDouble() < 0.4 ? logUniform(r, 6_000, 16_000) : 0;
        return new DeviceProfile(
                highpass,
                lowpass,
                resonances,
                tilt,
                gain,
                selfNoise,
                agc,
                clip,
                quantization,
                bandLimit);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(uniform(r, Math.log(lo), Math.log(hi)));
    }
}
