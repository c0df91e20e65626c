package dev.scenes.audio.synth;

/**
 * A synthetic room: a diffusing all-pass followed by a 4-line feedback delay network, whose impulse
 * response is exponentially decaying, dense and noise-like (the shape of a measured room response)
 * with the requested RT60.
 *
 * <p>Chosen over convolving with a stored noise impulse response because a 2-second response would
 * cost ~88 000 multiply-adds per sample; this costs about 20. Each line's feedback gain is {@code
 * 10^(-3 L / (fs RT60))}, so every recirculation loses exactly the energy the RT60 asks for; a
 * one-pole low-pass in each line makes highs decay faster, as air and soft surfaces do. The mixing
 * matrix is orthogonal (a scaled 4x4 Hadamard), so the network is lossless apart from those gains.
 * The wet output is normalised to unit impulse-response energy, so the caller's wet gain sets the
 * reverberant level independently of RT60.
 */
final class Reverb {

    /** Line lengths in milliseconds for a room of size 1 (mutually prime in samples). */
    private static final double[] BASE_MS = {29.7, 37.1, 41.1, 53.3};

    private final float[] l0, l1, l2, l3;
    private final float[] diffuser;
    private int i0, i1, i2, i3, id;
    private final double g0, g1, g2, g3;
    private double s0, s1, s2, s3;
    private final double damping;
    private final double outputGain;

    /**
     * @param fs sample rate in Hz
     * @param rt60 seconds for the broadband energy to fall by 60 dB, > 0
     * @param size scales the line lengths (0.3 for a vehicle, 1..2 for halls)
     * @param damping 0..0.9: one-pole coefficient of the in-loop low-pass (0 = no extra HF loss)
     */
    Reverb(double fs, double rt60, double size, double damping) {
        if (!(rt60 > 0)) {
            throw new IllegalArgumentException("rt60 is " + rt60 + " s; expected > 0");
        }
        this.damping = damping;
        l0 = new float[length(0, size, fs)];
        l1 = new float[length(1, size, fs)];
        l2 = new float[length(2, size, fs)];
        l3 = new float[length(3, size, fs)];
        diffuser = new float[Math.max(4, (int) (0.0047 * size * fs))];
        // The in-loop low-pass removes high-frequency energy on every pass, which makes the
        // broadband decay faster than the loop gains alone say; 1.32 (measured for damping 0.35)
        // brings the broadband T20 back to the requested RT60.
        double loopRt60 = rt60 * (1 + 0.9 * damping);
        g0 = gain(l0.length, fs, loopRt60);
        g1 = gain(l1.length, fs, loopRt60);
        g2 = gain(l2.length, fs, loopRt60);
        g3 = gain(l3.length, fs, loopRt60);
        this.outputGain = 1.0 / Math.sqrt(impulseEnergy(fs, rt60));
    }

    private static int length(int k, double size, double fs) {
        return Math.max(8, (int) Math.round(BASE_MS[k] * size * fs / 1000.0) | 1);
    }

    private static double gain(int length, double fs, double rt60) {
        return Math.pow(10, -3.0 * length / (fs * rt60));
    }

    private double impulseEnergy(double fs, double rt60) {
        int n = (int) Math.min(fs * rt60 * 1.5, fs * 8);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double y = tick(i == 0 ? 1 : 0);
            sum += y * y;
        }
        java.util.Arrays.fill(l0, 0f);
        java.util.Arrays.fill(l1, 0f);
        java.util.Arrays.fill(l2, 0f);
        java.util.Arrays.fill(l3, 0f);
        java.util.Arrays.fill(diffuser, 0f);
        i0 = i1 = i2 = i3 = id = 0;
        s0 = s1 = s2 = s3 = 0;
        return sum;
    }

    private double tick(double x) {
        // Schroeder all-pass (g = 0.6) to thicken the first echoes.
        double delayed = diffuser[id];
        double v = x + 0.6 * delayed;
        diffuser[id] = (float) v;
        if (++id == diffuser.length) {
            id = 0;
        }
        double in = delayed - 0.6 * v;

        double a = l0[i0], b = l1[i1], c = l2[i2], d = l3[i3];
        double d0 = damping;
        s0 = a + d0 * (s0 - a);
        s1 = b + d0 * (s1 - b);
        s2 = c + d0 * (s2 - c);
        s3 = d + d0 * (s3 - d);
        double r0 = s0 * g0, r1 = s1 * g1, r2 = s2 * g2, r3 = s3 * g3;
        double p = r0 + r1, q = r0 - r1, r = r2 + r3, s = r2 - r3;
        l0[i0] = (float) (0.5 * (p + r) + in);
        l1[i1] = (float) (0.5 * (q + s) + in);
        l2[i2] = (float) (0.5 * (p - r) - in);
        l3[i3] = (float) (0.5 * (q - s) - in);
        if (++i0 == l0.length) {
            i0 = 0;
        }
        if (++i1 == l1.length) {
            i1 = 0;
        }
        if (++i2 == l2.length) {
            i2 = 0;
        }
        if (++i3 == l3.length) {
            i3 = 0;
        }
        return a - b + c - d;
    }

    /** Replaces {@code n} samples of {@code buf} with the wet (reverberant) signal. */
    void process(float[] buf, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            buf[i] = (float) (tick(buf[i]) * outputGain);
        }
    }
}
