package dev.scenes.audio.device;

import dev.scenes.audio.dsp.BiquadCoefficients;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DeviceProfile} running on one audio stream: makes clean audio sound as if the profiled
 * device had recorded it. Stateful; one instance per stream, not thread-safe.
 *
 * <p>Cheap enough to run hundreds of virtual sensors on a couple of cores: a cascade of at most a
 * dozen biquads in transposed direct form II with double-precision state, one xorshift64* draw per
 * sample for self-noise, an AGC whose gain target is recomputed every {@value #AGC_UPDATE} samples,
 * and no allocation after construction. All state advances per sample, counted from the start of
 * the stream, so the output does not depend on how the stream is cut into chunks: any chunking
 * gives bit-identical output, and the same profile, sample rate, seed and input always give the
 * same output.
 *
 * <pre>{@code
 * DeviceChain phone = new DeviceChain(Device.B.profile(), 44_100, sensorSeed);
 * phone.process(chunk, 0, chunk.length);   // in place
 * }</pre>
 *
 * <p>Filters whose frequency is at or above {@value #MAX_FILTER_FRACTION} x the sample rate are
 * left out (a band limit at 8 kHz means nothing to a 16 kHz stream). Input must be finite: a NaN
 * would poison the filter state for the rest of the stream.
 */
public final class DeviceChain {

    /** Highest filter frequency kept, as a fraction of the sample rate. */
    public static final double MAX_FILTER_FRACTION = 0.45;

    /** Samples between two recomputations of the AGC's wanted gain. */
    static final int AGC_UPDATE = 32;

    /** Stop-band attenuation of the band limit, in dB. */
    static final double BAND_LIMIT_STOPBAND_DB = 50;

    /** Order of the band-limit filter. */
    static final int BAND_LIMIT_ORDER = 8;

    /** Shelf corners of the tilt; their geometric mean, 1.41 kHz, is the tilt's 0 dB pivot. */
    private static final double TILT_LOW_HZ = 500;

    private static final double TILT_HIGH_HZ = 4000;

    /**
     * Shelf gain per dB/octave of tilt: two slope-1 shelves of gain g at 500 Hz and 4 kHz rise by
     * 0.3785 g dB per octave on average from 250 Hz to 8 kHz.
     */
    private static final double TILT_SHELF_GAIN_PER_DB_PER_OCTAVE = 1 / 0.3785;

    private static final int STRIDE = 7; // b0 b1 b2 a1 a2 z1 z2

    /** Samples per internal block; any value gives the same output. */
    private static final int BLOCK = 256;

    private final double[] block = new double[BLOCK];

    private final DeviceProfile profile;
    private final int sampleRate;
    private final List<BiquadCoefficients> responseSections;
    private final List<BiquadCoefficients> bandLimitSections;

    private final double[] response;
    private final int responseCount;
    private final double gain;
    private final double noiseScale;
    private long noiseState;

    private final boolean agcOn;
    private final double agcAttack;
    private final double agcRelease;
    private final double agcTarget;
    private final double agcStrength;
    private final double agcMinGain;
    private final double agcMaxGain;
    private double agcEnvelope;
    private double agcWanted = 1;
    private double agcGain = 1;
    private int agcCountdown = 1;

    private final double clip;
    private final SampleQuantizer quantizer;
    private final double[] bandLimit;
    private final int bandLimitCount;

    /**
     * @param profile the device to imitate
     * @param sampleRate the stream's sample rate in Hz, 8000..384000
     * @param seed seeds the self-noise; streams with different seeds get independent noise
     */
    public DeviceChain(DeviceProfile profile, int sampleRate, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (sampleRate < 8_000 || sampleRate > 384_000) {
            throw new IllegalArgumentException(
                    "sampleRate is " + sampleRate + " Hz; expected 8000..384000");
        }
        this.sampleRate = sampleRate;
        this.responseSections = responseSections(profile, sampleRate);
        this.bandLimitSections =
                usable(profile.bandLimitHz(), sampleRate)
                        ? BiquadCoefficients.inverseChebyshevLowpass(
                                profile.bandLimitHz(),
                                BAND_LIMIT_STOPBAND_DB,
                                BAND_LIMIT_ORDER,
                                sampleRate)
                        : List.of();
        this.response = pack(responseSections);
        this.responseCount = responseSections.size();
        this.bandLimit = pack(bandLimitSections);
        this.bandLimitCount = bandLimitSections.size();
        this.gain = Math.pow(10, profile.gainDb() / 20);
        // Sum of two uniforms in [-1, 1) halved has variance 1/6.
        this.noiseScale = Math.pow(10, profile.selfNoiseDbfs() / 20) * Math.sqrt(6);
        this.noiseState = splitMix(seed);

        Agc agc = profile.agc();
        this.agcOn = agc.active();
        this.agcAttack = smoothing(agc.attackMs(), sampleRate);
        this.agcRelease = smoothing(agc.releaseMs(), sampleRate);
        this.agcTarget = Math.pow(10, agc.targetDbfs() / 20);
        this.agcStrength = agc.strength();
        this.agcMaxGain = Math.pow(10, agc.maxGainDb() / 20);
        this.agcMinGain = 1 / agcMaxGain;
        this.agcEnvelope = agcTarget;

        this.clip = profile.clipLevel();
        this.quantizer = SampleQuantizer.of(profile.quantization());
    }

    /** Processes {@code buffer[offset .. offset+length)} in place, continuing the stream. */
    public void process(float[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        double[] x = block;
        for (int start = offset, end = offset + length; start < end; start += BLOCK) {
            int n = Math.min(BLOCK, end - start);
            for (int i = 0; i < n; i++) {
                x[i] = buffer[start + i];
            }
            // One simple loop per stage: each stays tight enough for the JIT to keep its state in
            // registers, which a single loop with every stage's branches did not.
            cascade(response, responseCount, x, n);
            if (gain != 1) {
                for (int i = 0; i < n; i++) {
                    x[i] *= gain;
                }
            }
            if (noiseScale > 0) {
                addNoise(x, n);
            }
            if (agcOn) {
                agc(x, n);
            }
            if (clip != Double.POSITIVE_INFINITY) {
                double hi = clip;
                double lo = -clip;
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    x[i] = v > hi ? hi : (v < lo ? lo : v);
                }
            }
            if (quantizer != null) {
                quantizer.quantize(x, n);
            }
            cascade(bandLimit, bandLimitCount, x, n);
            for (int i = 0; i < n; i++) {
                buffer[start + i] = (float) x[i];
            }
        }
    }

    /**
     * Applies a fresh chain to a copy of {@code signal}: the convenience form for whole clips.
     *
     * @return a new array, {@code signal} is left unchanged
     */
    public static float[] apply(DeviceProfile profile, int sampleRate, long seed, float[] signal) {
        float[] out = signal.clone();
        new DeviceChain(profile, sampleRate, seed).process(out, 0, out.length);
        return out;
    }

    /**
     * The designed magnitude response of the linear part (filters and gain, as built for this
     * sample rate) at {@code hz}, in dB; noise, AGC, clipping and quantization are not included.
     */
    public double responseDb(double hz) {
        double db = profile.gainDb();
        for (BiquadCoefficients b : responseSections) {
            db += b.magnitudeDb(hz, sampleRate);
        }
        for (BiquadCoefficients b : bandLimitSections) {
            db += b.magnitudeDb(hz, sampleRate);
        }
        return db;
    }

    /** The profile this chain imitates. */
    public DeviceProfile profile() {
        return profile;
    }

    /** The stream's sample rate in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** How many biquad sections run per sample (a cost measure). */
    public int sections() {
        return responseCount + bandLimitCount;
    }

    private void addNoise(double[] x, int n) {
        long state = noiseState;
        double scale = noiseScale * 0x1p-32;
        for (int i = 0; i < n; i++) {
            state ^= state >>> 12;
            state ^= state << 25;
            state ^= state >>> 27;
            long bits = state * 0x2545F4914F6CDD1DL;
            // Sum of the two 32-bit halves: a triangular value of variance 1/6 (in units of 2^32).
            x[i] += scale * ((double) (int) bits + (double) (int) (bits >>> 32));
        }
        noiseState = state;
    }

    private void agc(double[] x, int n) {
        double envelope = agcEnvelope;
        double wanted = agcWanted;
        double g = agcGain;
        int countdown = agcCountdown;
        for (int i = 0; i < n; i++) {
            double level = Math.abs(x[i]);
            envelope += (level > envelope ? agcAttack : agcRelease) * (level - envelope);
            if (--countdown == 0) {
                countdown = AGC_UPDATE;
                double w = Math.pow(agcTarget / Math.max(envelope, 1e-9), agcStrength);
                wanted = w > agcMaxGain ? agcMaxGain : (w < agcMinGain ? agcMinGain : w);
            }
            g += agcAttack * (wanted - g);
            x[i] *= g;
        }
        agcEnvelope = envelope;
        agcWanted = wanted;
        agcGain = g;
        agcCountdown = countdown;
    }

    /**
     * Runs {@code x[0..n)} through the packed sections; the sections run interleaved per sample.
     */
    private static void cascade(double[] s, int sections, double[] x, int n) {
        int end = sections * STRIDE;
        if (end == 0) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double v = x[j];
            for (int i = 0; i < end; i += STRIDE) {
                double y = s[i] * v + s[i + 5];
                s[i + 5] = s[i + 1] * v - s[i + 3] * y + s[i + 6];
                s[i + 6] = s[i + 2] * v - s[i + 4] * y;
                v = y;
            }
            x[j] = v;
        }
    }

    private static List<BiquadCoefficients> responseSections(DeviceProfile p, int rate) {
        List<BiquadCoefficients> sections = new ArrayList<>();
        if (usable(p.highpassHz(), rate)) {
            sections.add(BiquadCoefficients.butterworthHighpass(p.highpassHz(), rate));
        }
        for (Resonance r : p.resonances()) {
            if (r.gainDb() != 0 && usable(r.frequencyHz(), rate)) {
                sections.add(BiquadCoefficients.peaking(r.frequencyHz(), r.q(), r.gainDb(), rate));
            }
        }
        if (p.tiltDbPerOctave() != 0) {
            double shelf = p.tiltDbPerOctave() * TILT_SHELF_GAIN_PER_DB_PER_OCTAVE;
            BiquadCoefficients low = BiquadCoefficients.highShelf(TILT_LOW_HZ, shelf, rate);
            // Folding -shelf dB into the first shelf puts 0 dB at the pivot.
            double k = Math.pow(10, -shelf / 20);
            sections.add(low.scaled(k));
            if (usable(TILT_HIGH_HZ, rate)) {
                sections.add(BiquadCoefficients.highShelf(TILT_HIGH_HZ, shelf, rate));
            }
        }
        if (usable(p.lowpassHz(), rate)) {
            sections.add(BiquadCoefficients.butterworthLowpass(p.lowpassHz(), rate));
        }
        return List.copyOf(sections);
    }

    private static boolean usable(double hz, int rate) {
        return hz > 0 && hz < MAX_FILTER_FRACTION * rate;
    }

    private static double[] pack(List<BiquadCoefficients> sections) {
        double[] s = new double[sections.size() * STRIDE];
        for (int i = 0; i < sections.size(); i++) {
            BiquadCoefficients b = sections.get(i);
            s[i * STRIDE] = b.b0();
            s[i * STRIDE + 1] = b.b1();
            s[i * STRIDE + 2] = b.b2();
            s[i * STRIDE + 3] = b.a1();
            s[i * STRIDE + 4] = b.a2();
        }
        return s;
    }

    /** One-pole smoothing coefficient for a time constant of {@code ms}. */
    private static double smoothing(double ms, int rate) {
        return 1 - Math.exp(-1000.0 / (ms * rate));
    }

    private static long splitMix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 0x9E3779B97F4A7C15L : z; // xorshift must not start at 0
    }
}
