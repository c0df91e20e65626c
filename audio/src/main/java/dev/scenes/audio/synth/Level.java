package dev.scenes.audio.synth;

/** A gain that follows the scene's state, as a pure function of the sample position. */
@FunctionalInterface
interface Level {

    /** The gain at absolute sample {@code position}; called once per control period. */
    double at(long position);

    /** A constant gain. */
    static Level constant(double gain) {
        return position -> gain;
    }
}
