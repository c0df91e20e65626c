/**
 * Datasets in the layout of TAU Urban Acoustic Scenes 2020 Mobile: reading, loading, writing.
 *
 * <p>{@link dev.scenes.audio.dataset.TauDataset} reads {@code meta.csv} and the fold files of
 * {@code evaluation_setup/} into {@link dev.scenes.audio.dataset.Clip} records; {@link
 * dev.scenes.audio.dataset.ClipLoader} decodes clips (WAV or Ogg Vorbis) to mono at a chosen rate,
 * strictly or skipping bad files into a {@link dev.scenes.audio.dataset.LoadReport}; {@link
 * dev.scenes.audio.dataset.TauLayoutWriter} writes the same csv files for a generated dataset. The
 * same code reads the real TAU folder, the ESC-10 folder of the shared data and the synthesizer's
 * output.
 */
package dev.scenes.audio.dataset;
