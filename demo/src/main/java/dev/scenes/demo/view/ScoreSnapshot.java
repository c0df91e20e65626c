package dev.scenes.demo.view;

import java.util.List;
import java.util.Map;

/**
 * The scoreboard at one moment.
 *
 * @param events events seen, duplicates included
 * @param duplicates events for a (sensor, segment) already seen; 0 with exactly-once delivery
 * @param unscored events whose segment has no known truth (or an unknown sensor)
 * @param overall all scored segments
 * @param byDevice scored segments per device label, sorted by label
 * @param seenDevices scored segments of devices seen in training
 * @param unseenDevices scored segments of devices never seen in training (s4-s6)
 * @param rows one row per sensor, in id order
 * @param meanLagSeconds mean lag over events with a known lag; NaN if none
 */
public record ScoreSnapshot(
        long events,
        long duplicates,
        long unscored,
        Tally overall,
        Map<String, Tally> byDevice,
        Tally seenDevices,
        Tally unseenDevices,
        List<SensorRow> rows,
        double meanLagSeconds) {}
