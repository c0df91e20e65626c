package dev.scenes.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Times an operation by the CPU time of the calling thread ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}) rather than by the wall clock, so that time the thread
 * spends descheduled on a shared machine does not count. ONNX Runtime with one intra-op thread runs
 * its kernels on the calling thread, so its work is included.
 *
 * <p>The operation runs in rounds of at least 200 ms; the result is the median round's CPU time per
 * operation.
 */
public final class CpuTimer {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimer() {}

    /** Median CPU nanoseconds per call of {@code op} over {@code rounds} rounds after warm-up. */
    public static double nanosPerOp(Supplier<?> op, double warmupSeconds, int rounds) {
        Object sink = null;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int perRound = 1;
        while (System.nanoTime() < warmEnd) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink = op.get();
            }
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            if (spent < 200_000_000L) {
                perRound = Math.max(perRound, (int) Math.min(1 << 20, perRound * 2L));
            }
        }
        double[] perOp = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink = op.get();
            }
            perOp[r] = (THREADS.getCurrentThreadCpuTime() - start) / (double) perRound;
        }
        if (sink == null) {
            throw new IllegalStateException("the timed operation returned nothing");
        }
        Arrays.sort(perOp);
        return perOp[rounds / 2];
    }
}
