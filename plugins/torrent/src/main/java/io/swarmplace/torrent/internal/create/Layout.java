package io.swarmplace.torrent.internal.create;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte stream of a torrent being created: its files in order with their offsets, and, when asked
 * for, BEP 47 padding files after every file that does not end on a piece boundary (except at the end),
 * so that each file starts on a piece boundary. Padding files are named ".pad/&lt;size&gt;" as libtorrent
 * names them.
 */
record Layout(boolean singleFile, int pieceLength, List<Entry> entries) {

    /** A file or a padding file ({@code source == null}) at {@code offset} in the stream. */
    record Entry(Path source, List<String> components, long length, long offset) {

        boolean padding() {
            return source == null;
        }

        long end() {
            return offset + length;
        }
    }

    Layout {
        entries = List.copyOf(entries);
    }

    static Layout of(List<SourceFile> files, boolean singleFile, int pieceLength, boolean padding) {
        List<Entry> entries = new ArrayList<>();
        long offset = 0;
        long remaining = files.stream().mapToLong(SourceFile::length).sum();
        for (SourceFile file : files) {
            entries.add(new Entry(file.path(), file.components(), file.length(), offset));
            offset += file.length();
            remaining -= file.length();
            long misalignment = offset % pieceLength;
            if (padding && !singleFile && misalignment != 0 && remaining > 0) {
                long size = pieceLength - misalignment;
                entries.add(new Entry(null, List.of(".pad", Long.toString(size)), size, offset));
                offset += size;
            }
        }
        return new Layout(singleFile, pieceLength, entries);
    }

    long totalLength() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
    }

    int pieceCount() {
        return Math.toIntExact(PieceSizes.pieceCount(totalLength(), pieceLength));
    }

    /** Index of the first entry holding byte {@code position}, skipping empty files. */
    int entryAt(long position) {
        int low = 0;
        int high = entries.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries.get(middle).end() <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
