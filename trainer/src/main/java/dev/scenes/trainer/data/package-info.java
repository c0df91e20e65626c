/**
 * Training data as the trainer sees it: model inputs computed once per clip and kept in a
 * memory-mapped {@link dev.scenes.trainer.data.FeatureCache}, the per-band normalisation statistics
 * of the training fold ({@link dev.scenes.trainer.data.BandStatistics}), the validation split by
 * recording location ({@link dev.scenes.trainer.data.ValidationSplit}), class labels and the
 * training-data fingerprint written into model metadata.
 */
package dev.scenes.trainer.data;
