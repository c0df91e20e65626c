/**
 * Decoding audio files to mono float samples.
 *
 * <p>{@link dev.scenes.audio.decode.AudioDecoder#decode(java.nio.file.Path)} reads a WAV (own RIFF
 * parser: PCM 8/16/24/32-bit, IEEE float 32/64, plain or {@code WAVE_FORMAT_EXTENSIBLE}) or an Ogg
 * Vorbis file (jorbis, after checking the Ogg page structure and CRCs so that a truncated or
 * damaged file is reported rather than silently cut short). The format is chosen by the file's
 * content, never by its extension. Every channel layout is mixed down to mono by averaging.
 *
 * <p>Every failure is an {@link dev.scenes.audio.decode.AudioDecodeException} whose message is one
 * line naming the file and what is wrong with it.
 */
package dev.scenes.audio.decode;
