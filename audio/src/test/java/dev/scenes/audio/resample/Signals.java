package dev.scenes.audio.resample;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;

/** Analytic test signals and the measurements the resampler tests make on them. */
final class Signals {

    private Signals() {}

    /** {@code amplitude * sin(2 pi f n / rate)} for n = 0 .. length-1. */
    static float[] sine(double frequency, int rate, int length, double amplitude) {
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return x;
    }

    /** Gaussian white noise of unit variance, reproducible from {@code seed}. */
    static float[] whiteNoise(int length, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) random.nextGaussian();
        }
        return x;
    }

    /**
     * {@code x} with every spectral component outside [{@code lowHz}, {@code highHz}] removed by
     * zeroing FFT bins (the result is periodic in its length).
     */
    static float[] bandPass(float[] x, int rate, double lowHz, double highHz) {
        int n = x.length;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = x[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(spectrum);
        for (int k = 0; k <= n / 2; k++) {
            double f = (double) k * rate / n;
            if (f < lowHz || f > highHz) {
                setBin(spectrum, k, n);
            }
        }
        fft.realInverse(spectrum, true);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) spectrum[i];
        }
        return y;
    }

    /** Mean power per FFT bin of {@code x} over the bins whose frequency lies in [lo, hi] Hz. */
    static double meanBinPower(float[] x, int rate, double loHz, double hiHz) {
        int n = x.length;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = x[i];
        }
        new DoubleFFT_1D(n).realForward(spectrum);
        double sum = 0;
        int count = 0;
        for (int k = 1; k < n / 2; k++) {
            double f = (double) k * rate / n;
            if (f >= loHz && f <= hiHz) {
                double re = spectrum[2 * k];
                double im = spectrum[2 * k + 1];
                sum += (re * re + im * im) / n;
                count++;
            }
        }
        return sum / count;
    }

    private static void setBin(double[] spectrum, int k, int n) {
        // JTransforms' packed real layout: [Re0, Re(n/2), Re1, Im1, ...] for even n.
        if (k == 0) {
            spectrum[0] = 0;
        } else if (k == n / 2) {
            spectrum[1] = 0;
        } else {
            spectrum[2 * k] = 0;
            spectrum[2 * k + 1] = 0;
        }
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /**
     * Frequency from the upward zero crossings in {@code x[from..to)}, each located by linear
     * interpolation: (crossings - 1) periods between the first and the last.
     */
    static double zeroCrossingFrequency(float[] x, int from, int to, int rate) {
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        for (int i = from; i + 1 < to; i++) {
            if (x[i] < 0 && x[i + 1] >= 0) {
                double t = i + x[i] / (double) (x[i] - x[i + 1]);
                if (crossings == 0) {
                    first = t;
                }
                last = t;
                crossings++;
            }
        }
        return (crossings - 1) * rate / (last - first);
    }

    /**
     * Least-squares amplitude of a sinusoid of known {@code frequency} in {@code x[from..to)}: fits
     * {@code a sin + b cos} and returns {@code hypot(a, b)}.
     */
    static double fittedAmplitude(float[] x, int from, int to, double frequency, int rate) {
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double xs = 0;
        double xc = 0;
        for (int n = from; n < to; n++) {
            double phase = 2 * Math.PI * frequency * n / rate;
            double s = Math.sin(phase);
            double c = Math.cos(phase);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[n] * s;
            xc += x[n] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        return Math.hypot(a, b);
    }
}
