/**
 * Encoding float samples to audio files: {@link dev.scenes.audio.encode.WavWriter} writes WAV in
 * any {@link dev.scenes.audio.encode.WavSampleFormat}, byte for byte reproducibly, for the scene
 * synthesizer's datasets and for tests. The reverse direction is {@code dev.scenes.audio.decode}.
 */
package dev.scenes.audio.encode;
