package dev.scenes.pipeline.decode;

/**
 * What one pass over a chunk's encoded samples finds: the sums the health judgements need and, for
 * float samples, the values validation rejects. {@link SampleEncoding#measure} computes it in the
 * same pass that checks the samples, so no stage before the classifier decodes them to floats.
 *
 * @param samples number of samples
 * @param sumSquares sum of the squared samples as floats in -1..1 (PCM scaled by 1/32768), added in
 *     sample order in double precision
 * @param clipped samples whose absolute value reaches the clip level
 * @param nonFinite NaN or infinite samples (always 0 for PCM)
 * @param firstNonFinite index of the first of them, or -1
 */
public record SampleStats(
        int samples, double sumSquares, int clipped, int nonFinite, int firstNonFinite) {}
