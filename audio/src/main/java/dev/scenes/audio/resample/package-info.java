/**
 * Band-limited sample-rate conversion.
 *
 * <p>A polyphase windowed-sinc (Kaiser) resampler for rational ratios {@code L/M = outRate/inRate}
 * reduced by their gcd, in two forms that give bit-identical output: {@link
 * dev.scenes.audio.resample.Resampler#resample(float[], int, int)} for a whole signal, and {@link
 * dev.scenes.audio.resample.StreamingResampler} for chunks of any size, whose state ({@link
 * dev.scenes.audio.resample.ResamplerState}) is only the filter history and can be snapshotted.
 *
 * <p>No maintained, permissively licensed, pure-Java resampler exists on Maven Central:
 * libresample4j is LGPL-2.1, TarsosDSP's is GPL, and the rest wrap native libraries (libswresample,
 * libsamplerate); so this package has its own. The design is described on {@link
 * dev.scenes.audio.resample.ResamplerDesign}.
 */
package dev.scenes.audio.resample;
