package dev.scenes.sensor.fleet;

import dev.scenes.audio.device.Device;
import dev.scenes.audio.synth.City;

/**
 * Who one simulated sensor is.
 *
 * @param id the sensor id (Kafka key), e.g. {@code sim-007}
 * @param index its number in the fleet, from 0
 * @param device its microphone
 * @param city where it stands
 * @param locationId its location number (1000 + index, so no location of the synthetic training
 *     set, whose numbers are small, is reused)
 * @param seed all randomness of its audio and scene schedule
 * @param site the chunks' {@code site}, e.g. {@code lyon/1007}
 */
public record SensorInfo(
        String id, int index, Device device, City city, int locationId, long seed, String site) {}
