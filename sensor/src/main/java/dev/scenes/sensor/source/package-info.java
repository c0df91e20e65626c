/**
 * Where a real sensor's audio comes from: files and folders ({@link
 * dev.scenes.sensor.source.FileSource}, decoded by the audio module's decoder, at their own rate)
 * and a microphone ({@link dev.scenes.sensor.source.MicrophoneSource}, through {@code
 * javax.sound}). A source is a sequence of {@link dev.scenes.sensor.source.Track}s, each of one
 * sample rate.
 */
package dev.scenes.sensor.source;
