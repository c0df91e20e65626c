/**
 * The end-to-end load harness behind {@code ./scenes bench pipeline}: an embedded broker, the job
 * in a JVM of its own, live-paced producers replaying pre-generated audio, a {@code read_committed}
 * consumer of the events, and the report (throughput, the job's CPU, consumer and event lag, state
 * per sensor).
 */
package dev.scenes.bench.load;
