package dev.scenes.trainer.data;

import dev.scenes.audio.dataset.Clip;
import dev.scenes.audio.dataset.ClipLoader;
import dev.scenes.audio.frontend.FrontendConfig;
import dev.scenes.audio.frontend.LogMelFrontend;
import dev.scenes.trainer.model.ModelInput;
import java.util.Map;
import java.util.TreeMap;

/**
 * The production {@link FeatureExtractor}: decodes a clip to mono at the frontend's rate, computes
 * its log-mel spectrogram with the shared {@link LogMelFrontend} (one per thread, since a frontend
 * holds FFT scratch buffers) and keeps {@code frames} frames as {@link ModelInput} does for the
 * exported model, repeating clips shorter than the segment.
 */
public final class LogMelExtractor implements FeatureExtractor {

    private final FrontendConfig config;
    private final int frames;
    private final ThreadLocal<LogMelFrontend> frontends;

    /** An extractor for {@code config} keeping {@code frames} frames per clip. */
    public LogMelExtractor(FrontendConfig config, int frames) {
        if (frames <= 0) {
            throw new IllegalArgumentException("frames is " + frames + "; expected > 0");
        }
        this.config = config;
        this.frames = frames;
        this.frontends = ThreadLocal.withInitial(() -> new LogMelFrontend(config));
    }

    /** The frontend configuration. */
    public FrontendConfig config() {
        return config;
    }

    @Override
    public float[] extract(Clip clip) throws Exception {
        float[] samples = ClipLoader.load(clip, config.sampleRate()).samples();
        return ModelInput.fromLogMel(frontends.get().compute(samples), frames);
    }

    @Override
    public String fingerprint() {
        // Sorted so that the order in which the config lists its keys cannot change the key.
        Map<String, String> sorted = new TreeMap<>(config.toMetadata());
        return "logmel-v1;" + sorted + ";frames=" + frames;
    }

    @Override
    public int valuesPerInput() {
        return config.mels() * frames;
    }
}
