package dev.scenes.trainer.train;

import java.util.Random;

/**
 * One data augmentation applied to a training batch in place. Implementations are stateless apart
 * from their settings; all randomness comes from the {@code random} passed in, so an epoch's
 * augmentations are reproducible from the run's seed.
 */
public interface Augmentation {

    /** Augments {@code batch} in place. */
    void apply(Batch batch, Random random);
}
