package dev.scenes.audio.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one tab-separated file of the TAU layout: checks the header and the field count of every
 * line. Blank lines are skipped and a trailing carriage return is dropped, so files written on
 * Windows read too.
 */
final class TsvFile {

    private TsvFile() {}

    /** A data line: its fields and its 1-based line number in the file. */
    record Row(String[] fields, int line) {}

    /**
     * The data rows of {@code file}, whose first line must be exactly {@code header}.
     *
     * @throws TauFormatException if the file is missing, the header differs, or a line has another
     *     number of fields than the header
     */
    static List<Row> read(Path file, String header) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TauFormatException(file + ": not found; is this the root of a TAU dataset?");
        }
        String expected = header.replace("\t", "<TAB>");
        if (lines.isEmpty()) {
            throw new TauFormatException(file + ": empty file; expected header '" + expected + "'");
        }
        String first = stripCr(lines.get(0));
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        if (!first.equals(header)) {
            throw new TauFormatException(
                    file
                            + ": header is '"
                            + first.replace("\t", "<TAB>")
                            + "'; expected '"
                            + expected
                            + "' (tab-separated)");
        }
        int columns = header.split("\t", -1).length;
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = stripCr(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != columns) {
                throw new TauFormatException(
                        file
                                + " line "
                                + (i + 1)
                                + ": "
                                + fields.length
                                + " tab-separated fields; expected "
                                + columns
                                + " ("
                                + expected
                                + ")");
            }
            rows.add(new Row(fields, i + 1));
        }
        return rows;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
