package dev.scenes.audio.device;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The nine recording devices of TAU Urban Acoustic Scenes 2020 Mobile, each with a {@link
 * DeviceProfile} that imitates how such a device colours a recording.
 *
 * <p>In the real dataset device a is the reference recorder, b and c are phones recording at the
 * same time, and s1..s6 were simulated by applying measured impulse responses of other phones and
 * cameras to device-a audio; s4..s6 occur only in the evaluation set. The profiles here are not
 * measurements of those devices (the dataset does not publish which devices they were); they are
 * plausible, distinct colourings of the same kinds, so that a model trained on a, b, c, s1..s3
 * faces genuinely unseen responses on s4..s6.
 *
 * <table>
 *   <caption>Profiles (HP/LP: 2nd-order Butterworth corners; resonances as Hz/dB/Q)</caption>
 *   <tr><th>device</th><th>models</th><th>character</th></tr>
 *   <tr><td>a</td><td>Soundman OKM II binaural mic + Zoom F8</td>
 *       <td>transparent; self-noise -96 dBFS only</td></tr>
 *   <tr><td>b</td><td>Samsung Galaxy S7</td>
 *       <td>HP 110 Hz, 2.8 kHz +5 dB presence peak, 6.5 kHz dip, LP 14 kHz, AGC, 16 bit</td></tr>
 *   <tr><td>c</td><td>iPhone SE</td>
 *       <td>HP 80 Hz, 1.2 kHz dip, 4.2 kHz +6 dB peak, bright tilt, LP 16 kHz, AGC, 16 bit</td></tr>
 *   <tr><td>s1</td><td>simulated: small phone, thin</td>
 *       <td>HP 220 Hz, 3.5 kHz +7 dB narrow peak, dark tilt, LP 11 kHz, no AGC</td></tr>
 *   <tr><td>s2</td><td>simulated: tablet, boomy</td>
 *       <td>HP 50 Hz, 180 Hz +5 dB, 7.5 kHz -8 dB notch, bright tilt, LP 18 kHz, gentle AGC</td>
 *   </tr>
 *   <tr><td>s3</td><td>simulated: cheap headset mic</td>
 *       <td>HP 320 Hz, peaks at 2 kHz and 5 kHz, LP 9 kHz, more noise</td></tr>
 *   <tr><td>s4</td><td>unseen: action camera in a housing</td>
 *       <td>strong 420 Hz +10 dB low-mid resonance, 2.5 kHz scoop, dark, strong AGC, clips at
 *       0.7</td></tr>
 *   <tr><td>s5</td><td>unseen: band-limited voice recorder</td>
 *       <td>band limit 8 kHz (as if recorded at 16 kHz), HP 250 Hz, 1.8 kHz peak, 12 bit</td>
 *   </tr>
 *   <tr><td>s6</td><td>unseen: harsh codec (messaging app)</td>
 *       <td>band limit 11.025 kHz, HP 400 Hz, 3 kHz +8 dB, 8-bit mu-law, clips at 0.5, noisy,
 *       strong AGC</td></tr>
 * </table>
 *
 * <p>The exact numbers are in each constant's profile; {@link DeviceProfile#withSeverity(double)}
 * makes any of them milder or harsher.
 */
public enum Device {
    /** Soundman OKM II in-ear binaural microphone into a Zoom F8 recorder: the reference. */
    A(
            new DeviceProfile(
                    0,
                    0,
                    List.of(),
                    0,
                    0,
                    -96,
                    Agc.OFF,
                    Double.POSITIVE_INFINITY,
                    Quantization.NONE,
                    0)),
    /** Samsung Galaxy S7: low cut, presence peak, roll-off, phone AGC. */
    B(
            new DeviceProfile(
                    110,
                    14_000,
                    List.of(new Resonance(2_800, 5, 1.4), new Resonance(6_500, -4, 2)),
                    0,
                    -2,
                    -70,
                    new Agc(-16, 12, 10, 400, 0.6),
                    0.95,
                    Quantization.pcm(16),
                    0)),
    /** Apple iPhone SE: dip in the low mids, strong 4 kHz peak, bright, phone AGC. */
    C(
            new DeviceProfile(
                    80,
                    16_000,
                    List.of(new Resonance(1_200, -3, 1.0), new Resonance(4_200, 6, 2.5)),
                    0.5,
                    1,
                    -74,
                    new Agc(-18, 10, 5, 250, 0.5),
                    1.0,
                    Quantization.pcm(16),
                    0)),
    /** Simulated: a small phone, thin and dark with a narrow mid-high peak, no AGC. */
    S1(
            new DeviceProfile(
                    220,
                    11_000,
                    List.of(new Resonance(3_500, 7, 3)),
                    -1,
                    -4,
                    -70,
                    Agc.OFF,
                    1.0,
                    Quantization.pcm(16),
                    0)),
    /** Simulated: a tablet, full low end with a bass bump, bright, a notch at 7.5 kHz. */
    S2(
            new DeviceProfile(
                    50,
                    18_000,
                    List.of(new Resonance(180, 5, 1.2), new Resonance(7_500, -8, 3)),
                    1,
                    3,
                    -66,
                    new Agc(-18, 6, 20, 800, 0.3),
                    1.0,
                    Quantization.pcm(16),
                    0)),
    /** Simulated: a cheap headset microphone, narrow mid band with two peaks, noisy. */
    S3(
            new DeviceProfile(
                    320,
                    9_000,
                    List.of(new Resonance(2_000, 5, 2), new Resonance(5_000, 4, 4)),
                    0,
                    -1,
                    -60,
                    Agc.OFF,
                    1.0,
                    Quantization.pcm(16),
                    0)),
    /** Unseen: an action camera in its housing, strong low-mid resonance, dark, strong AGC. */
    S4(
            new DeviceProfile(
                    150,
                    12_000,
                    List.of(new Resonance(420, 10, 2), new Resonance(2_500, -5, 1)),
                    -1.5,
                    2,
                    -58,
                    new Agc(-14, 18, 3, 600, 0.8),
                    0.7,
                    Quantization.pcm(16),
                    0)),
    /** Unseen: a voice recorder band-limited to 8 kHz, as if it recorded at 16 kHz, 12-bit. */
    S5(
            new DeviceProfile(
                    250,
                    0,
                    List.of(new Resonance(1_800, 6, 1.5)),
                    0,
                    0,
                    -62,
                    new Agc(-18, 12, 10, 500, 0.5),
                    1.0,
                    Quantization.pcm(12),
                    8_000)),
    /** Unseen: a harsh messaging-app codec, 11 kHz band, 8-bit mu-law, clipping, noisy. */
    S6(
            new DeviceProfile(
                    400,
                    0,
                    List.of(new Resonance(3_000, 8, 4), new Resonance(900, -4, 1.5)),
                    2,
                    6,
                    -54,
                    new Agc(-12, 20, 2, 300, 0.9),
                    0.5,
                    Quantization.muLaw(8),
                    11_025));

    private final DeviceProfile profile;

    Device(DeviceProfile profile) {
        this.profile = profile;
    }

    /** The label used in TAU metadata: {@code "a"}, {@code "b"}, {@code "s1"}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The device with this TAU label, case-insensitive.
     *
     * @throws IllegalArgumentException naming the label and the known ones
     */
    public static Device fromLabel(String label) {
        for (Device d : values()) {
            if (d.label().equalsIgnoreCase(label.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "unknown device label '"
                        + label
                        + "'; expected one of "
                        + Arrays.stream(values())
                                .map(Device::label)
                                .collect(Collectors.joining(", ")));
    }

    /** Whether the device is simulated from device-a audio (s1..s6) rather than recorded. */
    public boolean simulated() {
        return this.compareTo(S1) >= 0;
    }

    /** Whether the device occurs in the development (training) set; false for s4..s6. */
    public boolean seenInTraining() {
        return this.compareTo(S4) < 0;
    }

    /** The device's profile at severity 1. */
    public DeviceProfile profile() {
        return profile;
    }
}
