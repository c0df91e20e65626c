/**
 * Kafka security end to end: a broker with a SASL_SSL listener (SCRAM-SHA-512, certificates made
 * with the JDK's keytool), the job and the edge agent reaching it through {@code
 * --kafka-properties} files, clients without the right credentials refused, and no secret in any
 * log or output of the run.
 */
package dev.scenes.cluster.security;
