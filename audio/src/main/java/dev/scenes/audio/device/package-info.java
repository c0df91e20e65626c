/**
 * Recording-device models: how phones, cameras and recorders colour a recording.
 *
 * <p>{@link dev.scenes.audio.device.Device} names the nine devices of TAU Urban Acoustic Scenes
 * 2020 Mobile (a, b, c, s1..s6), each with a {@link dev.scenes.audio.device.DeviceProfile}: a
 * documented set of parameters (high-pass, resonances, tilt, roll-off, gain, self-noise, {@link
 * dev.scenes.audio.device.Agc AGC}, clipping, {@link dev.scenes.audio.device.Quantization
 * quantization}, band limit). {@link dev.scenes.audio.device.DeviceChain} runs a profile on a
 * stream, in place, chunk by chunk, with output independent of the chunking and fully determined by
 * profile, sample rate, seed and input.
 *
 * <p>The filters are RBJ-cookbook biquads plus one 8th-order inverse-Chebyshev low-pass for band
 * limits, designed by {@link dev.scenes.audio.dsp.BiquadCoefficients}; no FFT, no allocation while
 * processing, so one core runs hundreds of streams in real time.
 */
package dev.scenes.audio.device;
