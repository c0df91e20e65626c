/**
 * Training with DJL: the per-fold loop ({@link dev.scenes.trainer.train.FoldTrainer}: Adam, warm-up
 * plus cosine learning rate, best epoch by validation log loss, resumable {@link
 * dev.scenes.trainer.train.RunDirectory}), the device-robustness augmentations applied to batches
 * on the JVM side (never part of the exported graph), and the whole run of one fold from features
 * to exported ONNX files ({@link dev.scenes.trainer.train.FoldRun}).
 */
package dev.scenes.trainer.train;
