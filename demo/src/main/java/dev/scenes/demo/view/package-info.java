/**
 * What the demo shows: the {@link dev.scenes.demo.view.Scoreboard} that scores every event against
 * the truth, and the {@link dev.scenes.demo.view.LiveView} that renders it in a terminal.
 */
package dev.scenes.demo.view;
