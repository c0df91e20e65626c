/**
 * Network architectures as data: a small layer description ({@link dev.scenes.trainer.model.Layer})
 * from which both the DJL training block ({@link dev.scenes.trainer.model.DjlBlocks}) and the ONNX
 * export ({@code dev.scenes.trainer.export}) are generated, so training and deployment cannot
 * drift.
 *
 * <p>The registry {@link dev.scenes.trainer.model.Architecture#byName(String)} holds the published
 * DCASE 2021 Task 1a baseline and {@code cpmobile-s}, the project's low-complexity network. {@link
 * dev.scenes.trainer.model.ModelWeights} carries trained parameters out of DJL by layer path.
 */
package dev.scenes.trainer.model;
