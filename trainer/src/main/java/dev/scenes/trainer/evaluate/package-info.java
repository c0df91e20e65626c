/**
 * Evaluation of exported models exactly as the pipeline runs them: ONNX Runtime on log-mels
 * computed with the frontend configuration read from the model's own metadata ({@link
 * dev.scenes.trainer.evaluate.ModelEvaluator}); the metrics ({@link
 * dev.scenes.trainer.evaluate.Scores}, {@link dev.scenes.trainer.evaluate.EvaluationMetrics}: macro
 * and overall accuracy, log loss, per class, per device, seen vs unseen devices, int8 vs fp32) and
 * the report ({@link dev.scenes.trainer.evaluate.EvaluationReport}: {@code report.md}, {@code
 * metrics.json}, PNG charts); cross-validation summaries over folds ({@link
 * dev.scenes.trainer.evaluate.CrossValidation}).
 */
package dev.scenes.trainer.evaluate;
