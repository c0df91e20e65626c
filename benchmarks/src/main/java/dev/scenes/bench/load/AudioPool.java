package dev.scenes.bench.load;

import dev.scenes.audio.device.Device;
import dev.scenes.audio.synth.City;
import dev.scenes.audio.synth.EventLibrary;
import dev.scenes.audio.synth.SceneSchedule;
import dev.scenes.audio.synth.SensorStream;
import dev.scenes.audio.synth.SynthKnobs;

/**
 * Audio generated before a load run, so that generating it costs nothing during the measurement: a
 * few synthetic sensors' worth of 44.1 kHz scenes, already cut into chunks and encoded as {@code
 * PCM_S16LE}. Sensor {@code i} replays clip {@code i % clips} from its own offset, in a loop.
 */
final class AudioPool {

    static final int SAMPLE_RATE = 44_100;

    private final byte[][][] chunks;

    private AudioPool(byte[][][] chunks) {
        this.chunks = chunks;
    }

    /** {@code clips} clips of {@code seconds} each, cut into chunks of {@code chunkMillis}. */
    static AudioPool generate(int clips, int seconds, int chunkMillis) {
        int chunkSamples = SAMPLE_RATE * chunkMillis / 1000;
        int perClip = seconds * 1000 / chunkMillis;
        byte[][][] out = new byte[clips][perClip][];
        Device[] devices = {Device.A, Device.B, Device.C};
        City[] cities = City.values();
        float[] buf = new float[chunkSamples];
        for (int c = 0; c < clips; c++) {
            SensorStream stream =
                    new SensorStream(
                            SceneSchedule.random(100 + c, 5, 15),
                            cities[c % cities.length],
                            c,
                            devices[c % devices.length],
                            1000 + c,
                            SynthKnobs.defaults(),
                            EventLibrary.empty());
            for (int k = 0; k < perClip; k++) {
                int got = 0;
                while (got < chunkSamples) {
                    got += stream.read(buf, got, chunkSamples - got);
                }
                out[c][k] = pcm16(buf);
            }
        }
        return new AudioPool(out);
    }

    /** The samples sensor {@code sensor} sends as its chunk {@code k}. */
    byte[] chunk(int sensor, long k) {
        byte[][] clip = chunks[sensor % chunks.length];
        return clip[(int) ((k + 7L * sensor) % clip.length)];
    }

    private static byte[] pcm16(float[] x) {
        byte[] out = new byte[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            int v = (int) Math.max(-32768, Math.min(32767, Math.rint(x[i] * 32768.0)));
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
