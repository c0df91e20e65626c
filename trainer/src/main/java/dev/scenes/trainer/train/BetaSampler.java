package dev.scenes.trainer.train;

import java.util.Random;

/**
 * Draws from the symmetric Beta(alpha, alpha) distribution, the mixing weight of mixup and
 * Freq-MixStyle, as the ratio of two Gamma(alpha) draws (Marsaglia and Tsang's method, boosted for
 * alpha below 1).
 */
final class BetaSampler {

    private BetaSampler() {}

    static double beta(double alpha, Random r) {
        double a = gamma(alpha, r);
        double b = gamma(alpha, r);
        return a + b == 0 ? 0.5 : a / (a + b);
    }

    static double gamma(double shape, Random r) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(shape + 1, r) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
