package dev.scenes.trainer.model;

import java.util.Arrays;

/**
 * A dense float tensor in row-major order: one trained parameter outside DJL.
 *
 * @param shape extents, outermost first (e.g. {@code [filters, channels/groups, kh, kw]})
 * @param values {@code product(shape)} values, row-major
 */
public record Tensor(long[] shape, float[] values) {

    /** Checks that the shape matches the number of values; copies both arrays. */
    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "tensor shape " + Arrays.toString(shape) + " has a non-positive extent");
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(
                    "tensor of shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + n
                            + " values, got "
                            + values.length);
        }
        shape = shape.clone();
        values = values.clone();
    }

    /** Extents, outermost first (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The values, row-major (a copy; use {@link #get(int)} in loops). */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** The value at flat row-major index {@code i}. */
    public float get(int i) {
        return values[i];
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Extent of dimension {@code d}. */
    public int dim(int d) {
        return Math.toIntExact(shape[d]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
