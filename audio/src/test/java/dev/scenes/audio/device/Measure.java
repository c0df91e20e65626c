package dev.scenes.audio.device;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;

/** Measurements the device tests make on a chain's output. */
final class Measure {

    static final int RATE = 44_100;

    private Measure() {}

    /** The first {@code length} samples of the chain's response to a unit impulse. */
    static float[] impulseResponse(DeviceProfile profile, int length) {
        float[] x = new float[length];
        x[0] = 1;
        new DeviceChain(profile, RATE, 1).process(x, 0, length);
        return x;
    }

    /** {@code |sum h[n] e^(-j w n)|} in dB at {@code hz}: the exact DTFT of a finite response. */
    static double magnitudeDb(float[] h, double hz) {
        double w = 2 * Math.PI * hz / RATE;
        double re = 0;
        double im = 0;
        // Rotate a phasor instead of calling cos/sin per sample; renormalised to stay on the
        // circle.
        double c = 1;
        double s = 0;
        double dc = Math.cos(w);
        double ds = -Math.sin(w);
        for (int n = 0; n < h.length; n++) {
            re += h[n] * c;
            im += h[n] * s;
            double nc = c * dc - s * ds;
            s = c * ds + s * dc;
            c = nc;
            if ((n & 1023) == 1023) {
                double norm = Math.hypot(c, s);
                c /= norm;
                s /= norm;
            }
        }
        return 10 * Math.log10(re * re + im * im);
    }

    /** Gaussian white noise with RMS {@code rms}, reproducible from {@code seed}. */
    static float[] whiteNoise(int length, double rms, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (rms * random.nextGaussian());
        }
        return x;
    }

    /** RMS level of {@code x[from..to)} in dBFS. */
    static double rmsDb(float[] x, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) x[n] * x[n];
        }
        return 10 * Math.log10(sum / (to - from));
    }

    /** Energy above {@code hz} relative to energy below it, in dB, from one FFT of {@code x}. */
    static double energyAboveRelativeToBelowDb(float[] x, double hz) {
        double[] a = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            a[n] = x[n];
        }
        new DoubleFFT_1D(a.length).realForward(a);
        double below = 0;
        double above = 0;
        for (int k = 1; k < a.length / 2; k++) {
            double power = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
            if ((double) k * RATE / a.length >= hz) {
                above += power;
            } else {
                below += power;
            }
        }
        return 10 * Math.log10(above / below);
    }
}
