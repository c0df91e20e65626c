/**
 * The web dashboard: {@link dev.scenes.demo.dashboard.DashboardModel} (per sensor the latest
 * prediction, health and last hour of scenes; the confusion matrix when the truth is known), {@link
 * dev.scenes.demo.dashboard.DashboardFeed} (reads {@code scene-events} and {@code sensor-status},
 * read_committed) and {@link dev.scenes.demo.dashboard.DashboardServer} (the page and its
 * Server-Sent Events).
 */
package dev.scenes.demo.dashboard;
