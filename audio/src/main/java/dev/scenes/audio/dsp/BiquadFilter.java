package dev.scenes.audio.dsp;

/**
 * One biquad section running on one signal: {@link BiquadCoefficients} plus the state of a
 * transposed direct form II, in double precision so that low cut-offs at 44.1 kHz stay quiet and
 * stable. Stateful; one instance per signal, not thread-safe.
 *
 * <p>A filter is bound to a sample rate so that it can take a new design in place ({@link
 * #setBandpass} and friends) without a new filter or a state reset, as the synthesizer's formant
 * and other modulated filters need. Those designs clamp the frequency to [1 Hz, {@value
 * #MAX_FREQUENCY_FRACTION} x the sample rate]: frequencies drawn at random or scaled by a tilt then
 * always give a stable filter instead of an exception in the middle of a render.
 */
public final class BiquadFilter {

    /** Highest design frequency of the in-place designs, as a fraction of the sample rate. */
    public static final double MAX_FREQUENCY_FRACTION = 0.45;

    /**
     * Added to every input: with silent input the state would otherwise decay into subnormal
     * numbers, which x86 processes about a hundred times more slowly (a silent voice cost more than
     * a loud one). 1e-25 is far below anything audible or representable in 24-bit audio.
     */
    private static final double DENORMAL_GUARD = 1e-25;

    /** Length of the impulse response {@link #powerGain} sums. */
    private static final int POWER_GAIN_SAMPLES = 1 << 13;

    private final double sampleRate;
    private double b0 = 1, b1, b2, a1, a2;
    private double z1, z2;

    /** A filter that passes its input unchanged until it is given a design. */
    public BiquadFilter(double sampleRate) {
        if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
            throw new IllegalArgumentException(
                    "filter sampleRate is " + sampleRate + " Hz; expected a positive rate");
        }
        this.sampleRate = sampleRate;
    }

    /** A filter running {@code coefficients}. */
    public BiquadFilter(BiquadCoefficients coefficients, double sampleRate) {
        this(sampleRate);
        set(coefficients);
    }

    /** A {@link BiquadCoefficients#lowpass low-pass}, frequency clamped as in the class comment. */
    public static BiquadFilter lowpass(double hz, double q, double sampleRate) {
        BiquadFilter f = new BiquadFilter(sampleRate);
        f.setLowpass(hz, q);
        return f;
    }

    /** A {@link BiquadCoefficients#highpass high-pass}, frequency clamped. */
    public static BiquadFilter highpass(double hz, double q, double sampleRate) {
        BiquadFilter f = new BiquadFilter(sampleRate);
        f.setHighpass(hz, q);
        return f;
    }

    /** A {@link BiquadCoefficients#bandpass band-pass} (0 dB at its centre), frequency clamped. */
    public static BiquadFilter bandpass(double hz, double q, double sampleRate) {
        BiquadFilter f = new BiquadFilter(sampleRate);
        f.setBandpass(hz, q);
        return f;
    }

    /** A {@link BiquadCoefficients#peaking peaking equaliser}, frequency clamped. */
    public static BiquadFilter peaking(double hz, double q, double gainDb, double sampleRate) {
        BiquadFilter f = new BiquadFilter(sampleRate);
        f.setPeaking(hz, q, gainDb);
        return f;
    }

    /** Switches to a low-pass design, keeping the state. */
    public void setLowpass(double hz, double q) {
        set(BiquadCoefficients.lowpass(clamped(hz), q, sampleRate));
    }

    /** Switches to a high-pass design, keeping the state. */
    public void setHighpass(double hz, double q) {
        set(BiquadCoefficients.highpass(clamped(hz), q, sampleRate));
    }

    /** Switches to a band-pass design, keeping the state. */
    public void setBandpass(double hz, double q) {
        set(BiquadCoefficients.bandpass(clamped(hz), q, sampleRate));
    }

    /** Switches to a peaking design, keeping the state. */
    public void setPeaking(double hz, double q, double gainDb) {
        set(BiquadCoefficients.peaking(clamped(hz), q, gainDb, sampleRate));
    }

    /** Switches to {@code coefficients} as they are (no clamping), keeping the state. */
    public void set(BiquadCoefficients coefficients) {
        b0 = coefficients.b0();
        b1 = coefficients.b1();
        b2 = coefficients.b2();
        a1 = coefficients.a1();
        a2 = coefficients.a2();
    }

    /** The coefficients now running. */
    public BiquadCoefficients coefficients() {
        return new BiquadCoefficients(b0, b1, b2, a1, a2);
    }

    /** The sample rate the in-place designs are made for, in Hz. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Filters the next sample. */
    public double process(double input) {
        double x = input + DENORMAL_GUARD;
        double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }

    /** Filters {@code buf[off .. off+n)} in place, continuing the signal. */
    public void process(float[] buf, int off, int n) {
        // Locals rather than fields: the JIT then keeps coefficients and state in registers.
        double lb0 = b0, lb1 = b1, lb2 = b2, la1 = a1, la2 = a2, s1 = z1, s2 = z2;
        for (int i = off, end = off + n; i < end; i++) {
            double x = buf[i] + DENORMAL_GUARD;
            double y = lb0 * x + s1;
            s1 = lb1 * x - la1 * y + s2;
            s2 = lb2 * x - la2 * y;
            buf[i] = (float) y;
        }
        z1 = s1;
        z2 = s2;
    }

    /**
     * Sum of squares of the impulse response of a cascade (current coefficients, fresh state, the
     * first {@value #POWER_GAIN_SAMPLES} samples): the factor by which the cascade scales the power
     * of white noise. The filters themselves are left untouched.
     */
    public static double powerGain(BiquadFilter... cascade) {
        BiquadFilter[] copies = new BiquadFilter[cascade.length];
        for (int k = 0; k < cascade.length; k++) {
            copies[k] = new BiquadFilter(cascade[k].coefficients(), cascade[k].sampleRate);
        }
        double sum = 0;
        for (int n = 0; n < POWER_GAIN_SAMPLES; n++) {
            double x = n == 0 ? 1 : 0;
            for (BiquadFilter c : copies) {
                x = c.process(x);
            }
            sum += x * x;
        }
        return sum;
    }

    private double clamped(double hz) {
        return Math.min(Math.max(hz, 1.0), MAX_FREQUENCY_FRACTION * sampleRate);
    }
}
