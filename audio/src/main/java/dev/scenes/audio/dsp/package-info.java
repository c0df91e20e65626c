/**
 * Filter building blocks shared by the device models and the synthesizer.
 *
 * <p>{@link dev.scenes.audio.dsp.BiquadCoefficients} is the one home of the second-order IIR
 * designs (RBJ Audio-EQ-Cookbook low-pass, high-pass, band-pass, peaking and high-shelf sections,
 * and an inverse-Chebyshev low-pass cascade) and of their analytic magnitude response. {@link
 * dev.scenes.audio.dsp.BiquadFilter} runs one section on a signal with double-precision state and
 * can take a new design in place, for the synthesizer's modulated filters. {@link
 * dev.scenes.audio.device.DeviceChain} runs its own packed cascade of these coefficients.
 */
package dev.scenes.audio.dsp;
