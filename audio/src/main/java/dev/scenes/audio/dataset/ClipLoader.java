package dev.scenes.audio.dataset;

import dev.scenes.audio.decode.AudioDecodeException;
import dev.scenes.audio.decode.AudioDecoder;
import dev.scenes.audio.decode.DecodedAudio;
import dev.scenes.audio.resample.Resampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads clips' audio (WAV or Ogg Vorbis, by content) as mono at a chosen rate, one clip or many.
 *
 * <p>A bulk load is strict ({@link OnError#FAIL}: the first bad file ends it with its error) or
 * lenient ({@link OnError#SKIP}: bad files are counted in the {@link LoadReport} and the rest
 * load), so a trainer can choose. Stateless and thread-safe.
 */
public final class ClipLoader {

    /** What a bulk load does with a clip whose file is missing or cannot be decoded. */
    public enum OnError {
        /** Stop with the clip's {@link AudioDecodeException}. */
        FAIL,
        /** Record it in the report and go on. */
        SKIP
    }

    private ClipLoader() {}

    /**
     * Decodes {@code clip} to mono and resamples it to {@code targetRate} if the file has another
     * rate.
     *
     * @throws AudioDecodeException if the file is missing, unreadable or not decodable; the message
     *     names the file
     */
    public static ClipAudio load(Clip clip, int targetRate) throws AudioDecodeException {
        Objects.requireNonNull(clip, "clip");
        if (targetRate < Resampler.MIN_RATE || targetRate > Resampler.MAX_RATE) {
            throw new IllegalArgumentException(
                    "targetRate is "
                            + targetRate
                            + " Hz; expected "
                            + Resampler.MIN_RATE
                            + ".."
                            + Resampler.MAX_RATE);
        }
        DecodedAudio audio = AudioDecoder.decode(clip.path());
        float[] samples =
                audio.sampleRate() == targetRate
                        ? audio.samples()
                        : Resampler.resample(audio.samples(), audio.sampleRate(), targetRate);
        return new ClipAudio(clip, samples, targetRate, audio.sampleRate(), audio.sourceFormat());
    }

    /**
     * Loads {@code clips} in order and hands each to {@code sink}.
     *
     * @throws AudioDecodeException with {@link OnError#FAIL}, for the first clip that fails
     */
    public static LoadReport loadAll(
            List<Clip> clips, int targetRate, OnError onError, Consumer<ClipAudio> sink)
            throws AudioDecodeException {
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(sink, "sink");
        int loaded = 0;
        List<LoadReport.Skipped> skipped = new ArrayList<>();
        for (Clip clip : clips) {
            ClipAudio audio;
            try {
                audio = load(clip, targetRate);
            } catch (AudioDecodeException e) {
                if (onError == OnError.FAIL) {
                    throw e;
                }
                skipped.add(new LoadReport.Skipped(clip, e.getMessage()));
                continue;
            }
            sink.accept(audio);
            loaded++;
        }
        return new LoadReport(loaded, skipped);
    }
}
