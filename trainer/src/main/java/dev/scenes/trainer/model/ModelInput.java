package dev.scenes.trainer.model;

import dev.scenes.audio.frontend.LogMel;

/**
 * Turns frontend output into one model input example: {@code [1, mels, frames]} values, band-major
 * ({@code x[m * frames + t]}), as the ONNX input {@code logmel} and the DJL block expect.
 */
public final class ModelInput {

    private ModelInput() {}

    /**
     * The first {@code frames} frames of {@code mel}, transposed to band-major. A clip shorter than
     * {@code frames} is repeated from its start until it fills them (a 5-second ESC-10 clip becomes
     * 10 seconds); padding with silence would put log(eps) = -36 into every band's statistics.
     */
    public static float[] fromLogMel(LogMel mel, int frames) {
        if (mel.frames() == 0) {
            throw new IllegalArgumentException("log-mel has no frames; the clip is empty");
        }
        int mels = mel.mels();
        float[] x = new float[mels * frames];
        for (int t = 0; t < frames; t++) {
            int src = t % mel.frames();
            for (int m = 0; m < mels; m++) {
                x[m * frames + t] = mel.get(src, m);
            }
        }
        return x;
    }
}
