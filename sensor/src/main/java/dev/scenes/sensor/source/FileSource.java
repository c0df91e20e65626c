package dev.scenes.sensor.source;

import dev.scenes.audio.decode.AudioDecoder;
import dev.scenes.audio.decode.DecodedAudio;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Audio files, one track each, in order, optionally repeated forever: {@code --file F} is one file,
 * {@code --dir D} the audio files of a folder in name order.
 *
 * <p>A file is decoded when its turn comes (whole: the decoder has no streaming mode, so a file
 * takes 4 bytes per sample per channel-mixed frame in memory), to mono at the file's own rate.
 * Files without samples are skipped. With looping, a pass through all files that yields no sample
 * ends the source rather than spinning.
 */
public final class FileSource implements AudioSource {

    /** File name endings taken from a folder (the decoder recognises content, not names). */
    public static final List<String> AUDIO_EXTENSIONS = List.of(".wav", ".wave", ".ogg", ".oga");

    private final List<Path> files;
    private final boolean loop;
    private final String description;
    private int next;
    private boolean passHadSamples;

    private FileSource(List<Path> files, boolean loop, String description) {
        this.files = List.copyOf(files);
        this.loop = loop;
        this.description = description;
    }

    /**
     * One file.
     *
     * @throws IllegalArgumentException if it is missing or not a regular file
     */
    public static FileSource file(Path file, boolean loop) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("audio file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    file + " is not a regular file; use --dir for a folder");
        }
        return new FileSource(List.of(file), loop, "file " + file + (loop ? ", looped" : ""));
    }

    /**
     * The audio files ({@link #AUDIO_EXTENSIONS}, any case) directly in {@code dir}, in name order.
     *
     * @throws IllegalArgumentException if {@code dir} is not a folder or holds no audio file
     * @throws IOException if the folder cannot be listed
     */
    public static FileSource folder(Path dir, boolean loop) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry) && isAudioName(entry)) {
                    found.add(entry);
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "folder "
                            + dir
                            + " holds no audio file ("
                            + String.join(", ", AUDIO_EXTENSIONS)
                            + ")");
        }
        found.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return new FileSource(
                found,
                loop,
                "folder " + dir + " (" + found.size() + " files" + (loop ? ", looped" : "") + ")");
    }

    private static boolean isAudioName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return AUDIO_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The files, in the order they are played. */
    public List<Path> files() {
        return files;
    }

    @Override
    public Track nextTrack() throws IOException {
        while (true) {
            if (next == files.size()) {
                if (!loop || !passHadSamples) {
                    return null;
                }
                next = 0;
                passHadSamples = false;
            }
            Path file = files.get(next++);
            DecodedAudio audio = AudioDecoder.decode(file);
            if (audio.samples().length > 0) {
                passHadSamples = true;
                return new DecodedTrack(file.getFileName().toString(), audio);
            }
        }
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {}

    /** A decoded file. */
    private static final class DecodedTrack implements Track {
        private final String name;
        private final DecodedAudio audio;
        private int position;

        DecodedTrack(String name, DecodedAudio audio) {
            this.name = name;
            this.audio = audio;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String format() {
            return audio.sourceFormat();
        }

        @Override
        public int sampleRate() {
            return audio.sampleRate();
        }

        @Override
        public int read(float[] buf, int off, int len) {
            float[] samples = audio.samples();
            if (position == samples.length) {
                return -1;
            }
            int n = Math.min(len, samples.length - position);
            System.arraycopy(samples, position, buf, off, n);
            position += n;
            return n;
        }
    }
}
