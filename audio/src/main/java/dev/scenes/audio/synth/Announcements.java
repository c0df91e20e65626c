package dev.scenes.audio.synth;

import dev.scenes.audio.dsp.BiquadFilter;

/**
 * Public-address announcements: an optional gong, then a few seconds of one brighter, steadier
 * voice through a horn loudspeaker's band-pass (300 Hz to 4 kHz with a presence peak).
 *
 * <p>The same announcer (pitch, vocal tract, gong) speaks at every announcement of a location.
 */
final class Announcements extends Layer {

    private final double fs;
    private final Prng rng;
    private final Voice voice;
    private final Bell gong;
    private final double[] motif;
    private final double probability;
    private final double gain;
    private final BiquadFilter highpass;
    private final BiquadFilter lowpass;
    private final BiquadFilter presence;
    private final boolean withGong;
    private long speakFrom = Long.MAX_VALUE;
    private long speakUntil = Long.MIN_VALUE;
    private double envelope;
    private double envelopeStep;

    /**
     * @param perMinute mean announcements per minute
     * @param gain RMS scale while speaking
     */
    Announcements(double fs, Prng rng, double perMinute, double gain) {
        this.fs = fs;
        this.rng = rng;
        boolean male = rng.chance(0.5);
        this.voice =
                new Voice(
                        fs,
                        Prng.derive(rng.nextLong(), 1),
                        male ? rng.uniform(100, 130) : rng.uniform(180, 230),
                        male ? 1.0 : 1.15,
                        rng.uniform(0.17, 0.22),
                        1000,
                        0.01);
        this.gong = new Bell(fs, rng.uniform(0.6, 1.5));
        this.motif = Chimes.motif(rng, rng.uniform(440, 880));
        this.withGong = rng.chance(0.7);
        this.probability = perMinute * CONTROL / (60 * fs);
        this.gain = gain * 7.0;
        this.highpass = BiquadFilter.highpass(rng.uniform(250, 400), 0.7, fs);
        this.lowpass = BiquadFilter.lowpass(rng.uniform(3500, 5000), 0.7, fs);
        this.presence = BiquadFilter.peaking(rng.uniform(1800, 3000), 1.2, 6, fs);
        // Clips should often catch one: start some announcements before the clip begins.
        if (rng.chance(Math.min(0.8, perMinute / 2))) {
            long lead = (long) (rng.uniform(0, 6) * fs);
            speakFrom = -lead;
            speakUntil = speakFrom + (long) (rng.uniform(3, 8) * fs);
        }
    }

    @Override
    void control(long position) {
        if (position > speakUntil && rng.uniform() < probability) {
            double gongSeconds = 0;
            if (withGong) {
                for (int k = 0; k < motif.length; k++) {
                    gong.schedule(position + (long) (k * 0.45 * fs), motif[k], 1.0);
                }
                gongSeconds = motif.length * 0.45 + 0.4;
            }
            speakFrom = position + (long) (gongSeconds * fs);
            speakUntil = speakFrom + (long) (rng.uniform(3, 8) * fs);
        }
        gong.control(position);
        boolean speaking = position >= speakFrom && position < speakUntil;
        if (!speaking && envelope < 1e-6) {
            envelope = 0;
        }
        double target = speaking ? gain : 0;
        envelopeStep = (target - envelope) / CONTROL;
        if (speaking || envelope > 0) {
            voice.control();
        }
    }

    @Override
    void block(float[] out, int off, int n) {
        gong.add(out, off, n, gain * 0.25);
        if (envelope <= 0 && envelopeStep <= 0) {
            return;
        }
        for (int i = off, end = off + n; i < end; i++) {
            double x = voice.next(rng.white());
            x = presence.process(lowpass.process(highpass.process(x)));
            envelope += envelopeStep;
            out[i] += (float) (x * envelope);
        }
    }
}
