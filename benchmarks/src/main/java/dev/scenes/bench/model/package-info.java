/**
 * The networks the benchmarks run: generated from the trainer's architectures with a documented
 * initialisation, calibrated on real clips, exported as fp32 and int8 ONNX under {@code target/}.
 */
package dev.scenes.bench.model;
