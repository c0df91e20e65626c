/**
 * Reading {@code scene-events}: a read_committed consumer loop ({@link
 * dev.scenes.demo.events.EventStream}) and the two ways events are printed, readable lines and JSON
 * lines ({@link dev.scenes.demo.events.EventFormat}).
 */
package dev.scenes.demo.events;
