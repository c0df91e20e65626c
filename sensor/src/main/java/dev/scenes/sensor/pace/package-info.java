/**
 * When to send: {@link dev.scenes.sensor.pace.Pacer} releases each chunk when its audio would have
 * finished recording (optionally N times faster), against a {@link dev.scenes.sensor.pace.Ticker}
 * that tests replace with a fake clock.
 */
package dev.scenes.sensor.pace;
