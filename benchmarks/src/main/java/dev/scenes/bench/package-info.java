/**
 * JMH benchmarks of the product's hot paths, run with {@code ./scenes bench <suite>}; their figures
 * are recorded in {@code docs/PERFORMANCE.md}.
 */
package dev.scenes.bench;
