/**
 * The ground truth of the simulated fleet, kept in the demo's process: what each sensor really
 * heard over each stretch of time, and when its audio left, so that events can be scored and their
 * lag measured.
 */
package dev.scenes.demo.truth;
