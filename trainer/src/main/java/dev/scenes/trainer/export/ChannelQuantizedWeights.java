package dev.scenes.trainer.export;

import dev.scenes.trainer.model.Tensor;

/**
 * Weights quantized per output channel (dimension 0), symmetric int8: {@code q = clamp(round(w /
 * scale[c]), -127, 127)}, {@code scale[c] = max|w[c]| / 127}, zero point 0. The range is -127..127
 * (not -128) so that the grid is symmetric, as ONNX Runtime's quantizer does. Rounding is half to
 * even, as ONNX {@code QuantizeLinear} rounds.
 *
 * @param shape the weight's shape
 * @param values quantized values, row-major
 * @param scales one scale per output channel
 */
public record ChannelQuantizedWeights(long[] shape, byte[] values, float[] scales) {

    /** Quantizes {@code weight} per output channel. */
    public static ChannelQuantizedWeights of(Tensor weight) {
        int channels = weight.dim(0);
        int per = weight.size() / channels;
        byte[] q = new byte[weight.size()];
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            float max = 0;
            for (int i = 0; i < per; i++) {
                max = Math.max(max, Math.abs(weight.get(c * per + i)));
            }
            float scale = max > 0 ? max / 127f : 1f;
            scales[c] = scale;
            for (int i = 0; i < per; i++) {
                int v = (int) Math.rint(weight.get(c * per + i) / scale);
                q[c * per + i] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        return new ChannelQuantizedWeights(weight.shape(), q, scales);
    }

    /** Output channels. */
    public int channels() {
        return scales.length;
    }

    /** How many quantized values are not zero. */
    public long nonZero() {
        long n = 0;
        for (byte b : values) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }
}
