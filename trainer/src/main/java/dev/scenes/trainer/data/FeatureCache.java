package dev.scenes.trainer.data;

import dev.scenes.audio.dataset.Clip;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model inputs computed once per clip and kept on disk, so epochs (and later runs) never decode
 * audio or compute FFTs again.
 *
 * <p>The cache directory holds shards: {@code shard-*.f32}, the inputs of up to {@value
 * #SHARD_CLIPS} clips as consecutive float32 little-endian arrays, memory-mapped when read; and
 * beside each a {@code shard-*.idx} text index ({@code key <TAB> slot <TAB> filename}). A clip's
 * key hashes the extractor's fingerprint (frontend configuration and frames), the file's absolute
 * path, size and modification time, so a changed file or frontend is simply a miss. Shards are
 * written to a temporary name and renamed, data before index, so a crash or a concurrent run never
 * leaves a readable half shard; several runs may share one directory ({@code --cache DIR}).
 */
public final class FeatureCache {

    /** Clips per shard: bounds the heap used while extracting and keeps each map under 2 GB. */
    public static final int SHARD_CLIPS = 512;

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final String HEADER = "# scenes feature shard v1";

    private final Path dir;
    private final Map<String, Slot> index = new HashMap<>();
    private final Map<Path, FloatBuffer> mapped = new HashMap<>();

    private record Slot(Path data, int slot, int valuesPerInput) {}

    private FeatureCache(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (creating if needed) the cache in {@code dir} and reads its shard indexes.
     *
     * @throws UncheckedIOException if the directory cannot be created or an index cannot be read
     */
    public static FeatureCache open(Path dir) {
        FeatureCache cache = new FeatureCache(dir);
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> idx = Files.newDirectoryStream(dir, "shard-*.idx")) {
                for (Path p : idx) {
                    cache.readIndex(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open the feature cache in " + dir, e);
        }
        return cache;
    }

    /** The cache directory. */
    public Path directory() {
        return dir;
    }

    /** Number of cached inputs (over all extractors). */
    public synchronized int size() {
        return index.size();
    }

    /**
     * The inputs of {@code clips}, extracting (on {@code threads} threads) and storing those not
     * cached yet.
     *
     * @param progress called once per clip, cached or extracted, from any thread
     * @throws IllegalStateException naming the clip if its extraction fails
     */
    public synchronized FeatureSet load(
            List<Clip> clips, FeatureExtractor extractor, int threads, Runnable progress) {
        int per = extractor.valuesPerInput();
        String[] keys = new String[clips.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            keys[i] = key(extractor.fingerprint(), clips.get(i));
            Slot s = index.get(keys[i]);
            if (s == null || s.valuesPerInput() != per) {
                missing.add(i);
            } else {
                progress.run();
            }
        }
        if (!missing.isEmpty()) {
            LOG.info(
                    "Computing features of {} of {} clips on {} threads (cache {})",
                    missing.size(),
                    clips.size(),
                    threads,
                    dir);
            extract(clips, keys, missing, extractor, threads, progress);
        }
        List<FloatBuffer> inputs = new ArrayList<>(clips.size());
        for (String key : keys) {
            Slot s = index.get(key);
            FloatBuffer all = map(s.data());
            inputs.add(all.slice(s.slot() * per, per));
        }
        return new FeatureSet(clips, inputs, per);
    }

    private void extract(
            List<Clip> clips,
            String[] keys,
            List<Integer> missing,
            FeatureExtractor extractor,
            int threads,
            Runnable progress) {
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.max(1, threads),
                        r -> {
                            Thread t = new Thread(r, "features");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            for (int from = 0; from < missing.size(); from += SHARD_CLIPS) {
                List<Integer> chunk =
                        missing.subList(from, Math.min(missing.size(), from + SHARD_CLIPS));
                List<Future<float[]>> futures = new ArrayList<>();
                for (int i : chunk) {
                    Clip clip = clips.get(i);
                    futures.add(
                            pool.submit(
                                    () -> {
                                        float[] x = extractor.extract(clip);
                                        progress.run();
                                        return x;
                                    }));
                }
                List<float[]> values = new ArrayList<>();
                for (int j = 0; j < futures.size(); j++) {
                    values.add(await(futures.get(j), clips.get(chunk.get(j)), extractor));
                }
                writeShard(chunk, clips, keys, values, extractor.valuesPerInput());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] await(Future<float[]> f, Clip clip, FeatureExtractor extractor) {
        try {
            float[] x = f.get();
            if (x.length != extractor.valuesPerInput()) {
                throw new IllegalStateException(
                        "features of "
                                + clip.filename()
                                + " have "
                                + x.length
                                + " values; expected "
                                + extractor.valuesPerInput());
            }
            return x;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing features", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(
                    "Failed to compute features of "
                            + clip.filename()
                            + " ("
                            + clip.path()
                            + "): "
                            + (cause.getMessage() != null ? cause.getMessage() : cause),
                    cause);
        }
    }

    private void writeShard(
            List<Integer> chunk, List<Clip> clips, String[] keys, List<float[]> values, int per) {
        String name = "shard-" + UUID.randomUUID();
        Path data = dir.resolve(name + ".f32");
        Path idx = dir.resolve(name + ".idx");
        try {
            Path tmp = dir.resolve(name + ".f32.tmp");
            ByteBuffer buf = ByteBuffer.allocate(per * 4).order(ByteOrder.LITTLE_ENDIAN);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (float[] x : values) {
                    buf.clear();
                    buf.asFloatBuffer().put(x);
                    out.write(buf.array());
                }
            }
            Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
            Path idxTmp = dir.resolve(name + ".idx.tmp");
            try (BufferedWriter w = Files.newBufferedWriter(idxTmp, StandardCharsets.UTF_8)) {
                w.write(HEADER + "\t" + per + "\n");
                for (int j = 0; j < chunk.size(); j++) {
                    int i = chunk.get(j);
                    w.write(keys[i] + "\t" + j + "\t" + clips.get(i).filename() + "\n");
                }
            }
            Files.move(idxTmp, idx, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write feature shard " + data, e);
        }
        for (int j = 0; j < chunk.size(); j++) {
            index.put(keys[chunk.get(j)], new Slot(data, j, per));
        }
    }

    private void readIndex(Path idx) throws IOException {
        List<String> lines = Files.readAllLines(idx, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER + "\t")) {
            LOG.warn("Ignoring {}: not a feature shard index", idx);
            return;
        }
        int per = Integer.parseInt(lines.get(0).substring(HEADER.length() + 1).trim());
        String file = idx.getFileName().toString();
        Path data = idx.resolveSibling(file.substring(0, file.length() - 4) + ".f32");
        if (!Files.isRegularFile(data)) {
            LOG.warn("Ignoring {}: its data file {} is missing", idx, data);
            return;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 3);
            if (f.length >= 2) {
                index.putIfAbsent(f[0], new Slot(data, Integer.parseInt(f[1]), per));
            }
        }
    }

    private FloatBuffer map(Path data) {
        return mapped.computeIfAbsent(
                data,
                p -> {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size())
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .asFloatBuffer();
                    } catch (IOException e) {
                        throw new UncheckedIOException("Failed to map feature shard " + p, e);
                    }
                });
    }

    /** The cache key of {@code clip} under extractor fingerprint {@code fingerprint}. */
    static String key(String fingerprint, Clip clip) {
        Path file = clip.path().toAbsolutePath().normalize();
        long size;
        long mtime;
        try {
            size = Files.size(file);
            mtime = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "audio file of "
                            + clip.filename()
                            + " not readable at "
                            + file
                            + "; check --data",
                    e);
        }
        return sha256(fingerprint + "\n" + file + "\n" + size + "\n" + mtime).substring(0, 32);
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
