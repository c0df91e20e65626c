/**
 * The model contract between the trainer and the pipeline: the {@code metadata_props} keys an ONNX
 * model carries ({@link dev.scenes.audio.contract.ModelMetadata}). It lives here, in the module
 * both depend on, so the writer and the reader of a model file share one definition of every key.
 */
package dev.scenes.audio.contract;
