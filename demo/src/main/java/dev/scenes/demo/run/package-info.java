/**
 * Running the demo: {@link dev.scenes.demo.run.Demo} starts the broker, the job, the event consumer
 * and the fleet in one process and stops them in order; {@link dev.scenes.demo.run.DemoSettings} is
 * what it is built from.
 */
package dev.scenes.demo.run;
