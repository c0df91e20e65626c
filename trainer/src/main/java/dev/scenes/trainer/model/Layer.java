package dev.scenes.trainer.model;

import java.util.List;

/**
 * One layer of an architecture description. Shapes, parameter counts and multiply-accumulate counts
 * are derived from the layer alone, so the DJL block, the ONNX graph and the DCASE size figures all
 * come from the same description.
 *
 * <p>Kernel, stride and padding are given as {@code (height, width)} = {@code (mel, frame)} pairs,
 * in PyTorch's {@code NCHW} convention: weights of a {@link Conv2d} are {@code [filters,
 * channels/groups, kernelH, kernelW]}, of a {@link Dense} {@code [units, inputs]}.
 */
public sealed interface Layer
        permits Layer.BandNorm,
                Layer.Conv2d,
                Layer.BatchNorm2d,
                Layer.Relu,
                Layer.MaxPool2d,
                Layer.AvgPool2d,
                Layer.GlobalAvgPool,
                Layer.Dropout,
                Layer.Flatten,
                Layer.Dense,
                Layer.Residual,
                Layer.Softmax {

    /**
     * The shape this layer produces from {@code in}.
     *
     * @throws IllegalArgumentException if the layer cannot take {@code in}, saying why
     */
    FeatureShape apply(FeatureShape in);

    /** The parameters this layer holds when fed {@code in}. */
    default ParameterCount parameters(FeatureShape in) {
        return ParameterCount.NONE;
    }

    /** Multiply-accumulate operations per example when fed {@code in} (convolutions and dense). */
    default long macs(FeatureShape in) {
        return 0;
    }

    /**
     * Fixed per-mel-band standardisation, {@code max((x - mean[m]) / std[m], floor)}, the model's
     * first layer. Not trainable: the statistics come from the training fold and travel inside the
     * model, so the pipeline feeds raw log-mel energies. The lower clamp keeps digital silence
     * (exact-zero samples, whose log-mel is {@code log(eps)}, about -36) from producing normalised
     * values far below anything real sound produces; {@code floor = -Infinity} disables it.
     *
     * @param mean per-band mean of the raw log-mel energies
     * @param std per-band standard deviation, each > 0
     * @param floor lowest normalised value, or {@link Float#NEGATIVE_INFINITY} for no clamp
     */
    record BandNorm(float[] mean, float[] std, float floor) implements Layer {

        /** Standardisation without a lower clamp. */
        public BandNorm(float[] mean, float[] std) {
            this(mean, std, Float.NEGATIVE_INFINITY);
        }

        /** Checks lengths, that every deviation is positive and the floor is not NaN or +Inf. */
        public BandNorm {
            if (Float.isNaN(floor) || floor == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        "band normalisation floor is "
                                + floor
                                + "; expected a finite value or -Infinity (no clamp)");
            }
            if (mean.length == 0 || mean.length != std.length) {
                throw new IllegalArgumentException(
                        "band normalisation has "
                                + mean.length
                                + " means and "
                                + std.length
                                + " deviations; expected one of each per mel band");
            }
            for (int m = 0; m < std.length; m++) {
                if (!(std[m] > 0) || !Float.isFinite(std[m]) || !Float.isFinite(mean[m])) {
                    throw new IllegalArgumentException(
                            "band normalisation of band "
                                    + m
                                    + " has mean "
                                    + mean[m]
                                    + " and std "
                                    + std[m]
                                    + "; expected finite values with std > 0"
                                    + " (a constant band: clamp its std to a small positive"
                                    + " value)");
                }
            }
            mean = mean.clone();
            std = std.clone();
        }

        /** Mean 0, deviation 1 for each of {@code mels} bands: the placeholder before training. */
        public static BandNorm identity(int mels) {
            float[] ones = new float[mels];
            java.util.Arrays.fill(ones, 1f);
            return new BandNorm(new float[mels], ones);
        }

        /** Number of mel bands. */
        public int mels() {
            return mean.length;
        }

        /** Whether normalised values are clamped from below. */
        public boolean clamped() {
            return floor != Float.NEGATIVE_INFINITY;
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] std() {
            return std.clone();
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            if (in.flat() || in.channels() != 1 || in.height() != mean.length) {
                throw new IllegalArgumentException(
                        "band normalisation over "
                                + mean.length
                                + " bands cannot take input "
                                + in
                                + "; expected [1, "
                                + mean.length
                                + ", frames]");
            }
            return in;
        }

        @Override
        public ParameterCount parameters(FeatureShape in) {
            return new ParameterCount(0, 0, 2L * mean.length + (clamped() ? 1 : 0));
        }
    }

    /**
     * 2-D convolution.
     *
     * @param filters output channels
     * @param kernelH kernel height (mel bands)
     * @param kernelW kernel width (frames)
     * @param strideH stride over mel bands
     * @param strideW stride over frames
     * @param padH zero padding above and below
     * @param padW zero padding left and right
     * @param groups 1 for a full convolution, the input channels for a depthwise one
     * @param bias whether the layer adds a learnt bias (false before a batch norm)
     */
    record Conv2d(
            int filters,
            int kernelH,
            int kernelW,
            int strideH,
            int strideW,
            int padH,
            int padW,
            int groups,
            boolean bias)
            implements Layer {

        /** Checks that every extent is positive. */
        public Conv2d {
            if (filters <= 0
                    || kernelH <= 0
                    || kernelW <= 0
                    || strideH <= 0
                    || strideW <= 0
                    || padH < 0
                    || padW < 0
                    || groups <= 0
                    || filters % groups != 0) {
                throw new IllegalArgumentException(
                        "convolution with "
                                + filters
                                + " filters, kernel "
                                + kernelH
                                + "x"
                                + kernelW
                                + ", stride "
                                + strideH
                                + "x"
                                + strideW
                                + ", padding "
                                + padH
                                + "x"
                                + padW
                                + ", groups "
                                + groups
                                + " is invalid; sizes must be positive, padding >= 0, and"
                                + " filters a multiple of groups");
            }
        }

        /** A stride-1 {@code k x k} convolution with "same" padding (odd {@code k}). */
        public static Conv2d same(int filters, int k, boolean bias) {
            return new Conv2d(filters, k, k, 1, 1, k / 2, k / 2, 1, bias);
        }

        /** A pointwise ({@code 1 x 1}) convolution without bias, for use before a batch norm. */
        public static Conv2d pointwise(int filters) {
            return new Conv2d(filters, 1, 1, 1, 1, 0, 0, 1, false);
        }

        /** A depthwise {@code 3 x 3} convolution over {@code channels}, padded by 1, no bias. */
        public static Conv2d depthwise3x3(int channels, int strideH, int strideW) {
            return new Conv2d(channels, 3, 3, strideH, strideW, 1, 1, channels, false);
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            if (in.flat()) {
                throw new IllegalArgumentException("a convolution needs a feature map, got " + in);
            }
            if (in.channels() % groups != 0) {
                throw new IllegalArgumentException(
                        "convolution with groups "
                                + groups
                                + " cannot take "
                                + in.channels()
                                + " input channels; channels must be a multiple of groups");
            }
            int h = (in.height() + 2 * padH - kernelH) / strideH + 1;
            int w = (in.width() + 2 * padW - kernelW) / strideW + 1;
            return FeatureShape.map(filters, h, w);
        }

        @Override
        public ParameterCount parameters(FeatureShape in) {
            long weights = (long) filters * (in.channels() / groups) * kernelH * kernelW;
            return new ParameterCount(weights + (bias ? filters : 0), 0, 0);
        }

        @Override
        public long macs(FeatureShape in) {
            FeatureShape out = apply(in);
            return (long) out.height()
                    * out.width()
                    * filters
                    * (in.channels() / groups)
                    * kernelH
                    * kernelW;
        }
    }

    /**
     * Batch normalisation over channels (inference: {@code gamma (x - mean) / sqrt(var + eps) +
     * beta}); folded into the preceding convolution on export.
     *
     * @param epsilon added to the variance
     * @param momentum weight of the running statistics per update (DJL convention: {@code running =
     *     momentum * running + (1 - momentum) * batch}; Keras' default is 0.99)
     */
    record BatchNorm2d(float epsilon, float momentum) implements Layer {

        /** Checks the ranges. */
        public BatchNorm2d {
            if (!(epsilon > 0) || !(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException(
                        "batch norm epsilon "
                                + epsilon
                                + " and momentum "
                                + momentum
                                + "; expected epsilon > 0 and 0 <= momentum < 1");
            }
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            if (in.flat()) {
                throw new IllegalArgumentException("BatchNorm2d needs a feature map, got " + in);
            }
            return in;
        }

        @Override
        public ParameterCount parameters(FeatureShape in) {
            return new ParameterCount(2L * in.channels(), 2L * in.channels(), 0);
        }
    }

    /** {@code max(0, x)}. */
    record Relu() implements Layer {
        @Override
        public FeatureShape apply(FeatureShape in) {
            return in;
        }
    }

    /**
     * Max pooling without padding (Keras {@code MaxPooling2D}, {@code padding='valid'}).
     *
     * @param kernelH pool height
     * @param kernelW pool width
     * @param strideH stride over bands
     * @param strideW stride over frames
     */
    record MaxPool2d(int kernelH, int kernelW, int strideH, int strideW) implements Layer {

        /** Checks positive extents. */
        public MaxPool2d {
            requirePool("max", kernelH, kernelW, strideH, strideW);
        }

        /** Non-overlapping pooling, stride = kernel (the Keras default). */
        public static MaxPool2d of(int kernelH, int kernelW) {
            return new MaxPool2d(kernelH, kernelW, kernelH, kernelW);
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            return pooled("max", in, kernelH, kernelW, strideH, strideW);
        }
    }

    /**
     * Average pooling without padding.
     *
     * @param kernelH pool height
     * @param kernelW pool width
     * @param strideH stride over bands
     * @param strideW stride over frames
     */
    record AvgPool2d(int kernelH, int kernelW, int strideH, int strideW) implements Layer {

        /** Checks positive extents. */
        public AvgPool2d {
            requirePool("average", kernelH, kernelW, strideH, strideW);
        }

        /** Non-overlapping pooling, stride = kernel. */
        public static AvgPool2d of(int kernelH, int kernelW) {
            return new AvgPool2d(kernelH, kernelW, kernelH, kernelW);
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            return pooled("average", in, kernelH, kernelW, strideH, strideW);
        }
    }

    /** Mean over bands and frames, giving a flat {@code [batch, channels]} vector. */
    record GlobalAvgPool() implements Layer {
        @Override
        public FeatureShape apply(FeatureShape in) {
            if (in.flat()) {
                throw new IllegalArgumentException("global pooling needs a feature map, got " + in);
            }
            return FeatureShape.vector(in.channels());
        }
    }

    /**
     * Dropout while training; the identity at inference (absent from the exported graph).
     *
     * @param rate probability of zeroing an activation, in [0, 1)
     */
    record Dropout(float rate) implements Layer {

        /** Checks the rate. */
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException(
                        "dropout rate " + rate + "; expected 0 <= rate < 1");
            }
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            return in;
        }
    }

    /** Flattens a {@code [channels, height, width]} map to a vector in {@code NCHW} order. */
    record Flatten() implements Layer {
        @Override
        public FeatureShape apply(FeatureShape in) {
            return FeatureShape.vector(Math.toIntExact(in.size()));
        }
    }

    /**
     * Fully connected layer on a flat vector.
     *
     * @param units outputs
     * @param bias whether the layer adds a learnt bias
     */
    record Dense(int units, boolean bias) implements Layer {

        /** Checks the width. */
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("dense layer has " + units + " units");
            }
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            if (!in.flat()) {
                throw new IllegalArgumentException(
                        "a dense layer needs a flat vector, got "
                                + in
                                + "; put Flatten or GlobalAvgPool before it");
            }
            return FeatureShape.vector(units);
        }

        @Override
        public ParameterCount parameters(FeatureShape in) {
            return new ParameterCount((long) units * in.channels() + (bias ? units : 0), 0, 0);
        }

        @Override
        public long macs(FeatureShape in) {
            return (long) units * in.channels();
        }
    }

    /**
     * {@code body(x) + shortcut(x)}; an empty shortcut is the identity. Both paths must produce the
     * same shape.
     *
     * @param body the residual branch
     * @param shortcut the projection branch (e.g. a 1x1 convolution and batch norm), or empty
     */
    record Residual(List<Layer> body, List<Layer> shortcut) implements Layer {

        /** Copies the lists; the body must not be empty. */
        public Residual {
            body = List.copyOf(body);
            shortcut = List.copyOf(shortcut);
            if (body.isEmpty()) {
                throw new IllegalArgumentException("a residual block needs a non-empty body");
            }
            for (Layer l : body) {
                requireInsideBlock(l);
            }
            for (Layer l : shortcut) {
                requireInsideBlock(l);
            }
        }

        /** A residual block with an identity shortcut. */
        public static Residual identity(List<Layer> body) {
            return new Residual(body, List.of());
        }

        @Override
        public FeatureShape apply(FeatureShape in) {
            FeatureShape b = chain(body, in);
            FeatureShape s = chain(shortcut, in);
            if (!b.equals(s)) {
                throw new IllegalArgumentException(
                        "residual body gives "
                                + b
                                + " but the shortcut gives "
                                + s
                                + "; add a projection shortcut (1x1 convolution with the body's"
                                + " stride and filters)");
            }
            return b;
        }

        @Override
        public ParameterCount parameters(FeatureShape in) {
            return countParameters(body, in).plus(countParameters(shortcut, in));
        }

        @Override
        public long macs(FeatureShape in) {
            return countMacs(body, in) + countMacs(shortcut, in);
        }

        private static void requireInsideBlock(Layer l) {
            if (l instanceof BandNorm || l instanceof Softmax) {
                throw new IllegalArgumentException(
                        l.getClass().getSimpleName()
                                + " cannot sit inside a residual block; it belongs at the ends"
                                + " of the network");
            }
        }
    }

    /** Softmax over classes: the network's last layer, so the model emits probabilities. */
    record Softmax() implements Layer {
        @Override
        public FeatureShape apply(FeatureShape in) {
            if (!in.flat()) {
                throw new IllegalArgumentException("softmax needs a flat vector, got " + in);
            }
            return in;
        }
    }

    /** The shape after running {@code layers} in order from {@code in}. */
    static FeatureShape chain(List<Layer> layers, FeatureShape in) {
        FeatureShape s = in;
        for (Layer l : layers) {
            s = l.apply(s);
        }
        return s;
    }

    /** Parameters of {@code layers} run in order from {@code in}. */
    static ParameterCount countParameters(List<Layer> layers, FeatureShape in) {
        ParameterCount total = ParameterCount.NONE;
        FeatureShape s = in;
        for (Layer l : layers) {
            total = total.plus(l.parameters(s));
            s = l.apply(s);
        }
        return total;
    }

    /** Multiply-accumulates of {@code layers} run in order from {@code in}. */
    static long countMacs(List<Layer> layers, FeatureShape in) {
        long total = 0;
        FeatureShape s = in;
        for (Layer l : layers) {
            total += l.macs(s);
            s = l.apply(s);
        }
        return total;
    }

    private static void requirePool(String kind, int kh, int kw, int sh, int sw) {
        if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0) {
            throw new IllegalArgumentException(
                    kind
                            + " pooling "
                            + kh
                            + "x"
                            + kw
                            + " with stride "
                            + sh
                            + "x"
                            + sw
                            + "; sizes must be positive");
        }
    }

    private static FeatureShape pooled(
            String kind, FeatureShape in, int kh, int kw, int sh, int sw) {
        if (in.flat()) {
            throw new IllegalArgumentException(kind + " pooling needs a feature map, got " + in);
        }
        if (kh > in.height() || kw > in.width()) {
            throw new IllegalArgumentException(
                    kind + " pooling " + kh + "x" + kw + " is larger than its input " + in);
        }
        return FeatureShape.map(
                in.channels(), (in.height() - kh) / sh + 1, (in.width() - kw) / sw + 1);
    }
}
