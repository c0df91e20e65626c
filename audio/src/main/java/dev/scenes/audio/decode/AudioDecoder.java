package dev.scenes.audio.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes a WAV or Ogg Vorbis file to mono float samples; the entry point of this package.
 *
 * <p>The container is recognised by its first bytes ({@code RIFF....WAVE} or the Ogg capture
 * pattern {@code OggS}), never by the file name's extension, so a mislabelled file still decodes
 * and a file that is neither is reported with what it starts with. Stateless and thread-safe.
 *
 * <pre>{@code
 * DecodedAudio audio = AudioDecoder.decode(Path.of("street.wav"));
 * float[] mono = audio.samples();   // at audio.sampleRate() Hz
 * }</pre>
 */
public final class AudioDecoder {

    /** Said in error messages so that a user knows what to convert to. */
    static final String SUPPORTED =
            "supported: WAV PCM 8/16/24/32-bit, IEEE float 32/64, Ogg Vorbis";

    private static final int SNIFF_BYTES = 12;

    private AudioDecoder() {}

    /**
     * Decodes {@code file} to mono.
     *
     * @param file a WAV or Ogg Vorbis file
     * @return the samples averaged over the channels, at the file's sample rate
     * @throws AudioDecodeException if the file is missing, unreadable, of an unsupported format or
     *     encoding, or corrupt; its message is one line naming the file and the problem
     */
    public static DecodedAudio decode(Path file) throws AudioDecodeException {
        if (Files.isDirectory(file)) {
            throw new AudioDecodeException(file, "is a directory, not an audio file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new AudioDecodeException(file, "empty file (0 bytes)");
            }
            byte[] head = new byte[(int) Math.min(SNIFF_BYTES, size)];
            readFully(channel, ByteBuffer.wrap(head), 0);
            if (ByteText.startsWith(head, 0, "OggS")) {
                return OggVorbisDecoder.decode(file, channel, size);
            }
            if (ByteText.startsWith(head, 0, "RIFF")) {
                if (size < SNIFF_BYTES) {
                    throw new AudioDecodeException(
                            file, "truncated RIFF header: file has only " + size + " bytes");
                }
                if (!ByteText.startsWith(head, 8, "WAVE")) {
                    throw new AudioDecodeException(
                            file,
                            "RIFF file of form type "
                                    + ByteText.quote(head, 8, 4)
                                    + " is not WAVE; "
                                    + SUPPORTED);
                }
                return WavDecoder.decode(file, channel, size);
            }
            throw new AudioDecodeException(file, unknownFormat(head));
        } catch (NoSuchFileException e) {
            throw new AudioDecodeException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new AudioDecodeException(file, "cannot read: permission denied", e);
        } catch (AudioDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioDecodeException(file, "cannot read: " + e, e);
        }
    }

    private static String unknownFormat(byte[] head) {
        String what;
        if (ByteText.startsWith(head, 0, "RIFX")) {
            what = "a big-endian RIFX WAV file";
        } else if (ByteText.startsWith(head, 0, "RF64")) {
            what = "an RF64 (64-bit) WAV file";
        } else {
            String guess = guessFormat(head);
            what =
                    "not a WAV or Ogg Vorbis file (starts with "
                            + ByteText.quote(head, 0, 4)
                            + (guess.isEmpty() ? "" : ", looks like " + guess)
                            + ")";
        }
        return what + "; " + SUPPORTED;
    }

    private static String guessFormat(byte[] head) {
        if (ByteText.startsWith(head, 0, "ID3")
                || (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0)) {
            return "MP3";
        }
        if (ByteText.startsWith(head, 0, "fLaC")) {
            return "FLAC";
        }
        if (ByteText.startsWith(head, 0, "FORM")) {
            return "AIFF";
        }
        if (ByteText.startsWith(head, 4, "ftyp")) {
            return "MP4/M4A";
        }
        return "";
    }

    /** Reads until {@code buffer} is full; fails if the file ends first. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("file ended at byte " + at + " while reading");
            }
            at += read;
        }
    }
}
