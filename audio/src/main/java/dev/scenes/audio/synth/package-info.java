/**
 * The scene synthesizer: realistic, device-varied audio of the ten DCASE 2021 Task 1a scenes, for
 * training data, live simulated sensors and tests with ground truth.
 *
 * <p>{@link dev.scenes.audio.synth.SceneRenderer} renders one scene at one {@link
 * dev.scenes.audio.synth.Location} (a mixture of background textures and foreground events from
 * cheap IIR, oscillator and noise layers, with a synthetic room for indoor scenes); {@link
 * dev.scenes.audio.synth.SensorStream} makes an endless, chunk-size independent sensor stream from
 * a {@link dev.scenes.audio.synth.SceneSchedule} through a device; {@link
 * dev.scenes.audio.synth.DatasetGenerator} writes a TAU 2020 Mobile layout dataset. {@link
 * dev.scenes.audio.synth.SynthKnobs} holds the difficulty knobs; {@link
 * dev.scenes.audio.synth.EventLibrary} mixes in real recordings. Everything is deterministic from
 * seeds. The models are described in {@code docs/SYNTH.md}.
 */
package dev.scenes.audio.synth;
