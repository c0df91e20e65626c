/** Pictures of audio features for people: spectrogram PNGs with labelled axes. */
package dev.scenes.audio.render;
