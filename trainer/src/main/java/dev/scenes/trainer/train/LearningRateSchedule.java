package dev.scenes.trainer.train;

import ai.djl.training.tracker.Tracker;

/**
 * Linear warm-up to {@code peak} over {@code warmupSteps}, then a cosine decay to {@code peak *
 * FLOOR} at {@code totalSteps}. {@code offset} is the number of steps already taken before a
 * resume, since a resumed run starts a fresh optimizer whose update count restarts at 1.
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps optimizer steps of warm-up
 * @param totalSteps optimizer steps of the whole run
 * @param offset steps taken before this optimizer was created
 */
public record LearningRateSchedule(float peak, int warmupSteps, int totalSteps, int offset)
        implements Tracker {

    /** The decay ends at this fraction of the peak. */
    public static final float FLOOR = 0.01f;

    @Override
    public float getNewValue(int numUpdate) {
        return at(numUpdate - 1 + offset);
    }

    /** The learning rate of (0-based) step {@code step} of the run. */
    public float at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decay);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (peak * (FLOOR + (1 - FLOOR) * cosine));
    }
}
