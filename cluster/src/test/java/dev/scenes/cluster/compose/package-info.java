/**
 * The check of {@code docker/compose.yaml} against the build, for machines without a Docker engine:
 * image tags against the versions the parent pom pins, published ports against what each service
 * listens on, jar paths against the build output, main classes and their arguments against the
 * jars' own classes and option parsers, topics against the pipeline's layout.
 */
package dev.scenes.cluster.compose;
