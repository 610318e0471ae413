package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A torrent built by hand from seeded random content, with its piece hashes computed here. */
final class TestTorrent {

    final TorrentInfo info;
    /** The whole byte stream, padding included (as zeros). */
    final byte[] data;

    private TestTorrent(TorrentInfo info, byte[] data) {
        this.info = info;
        this.data = data;
    }

    static Builder multiFile(String name, int pieceLength, long seed) {
        return new Builder(name, pieceLength, seed, false);
    }

    static TestTorrent singleFile(String name, int pieceLength, int length, long seed) {
        return new Builder(name, pieceLength, seed, true).file(name, length).build();
    }

    int pieceCount() {
        return info.pieceCount();
    }

    /** Piece {@code index} as the engine would hand it over. */
    ByteBuffer piece(int index) {
        long start = (long) index * info.pieceLength();
        return ByteBuffer.wrap(Arrays.copyOfRange(data, (int) start, (int) start + info.pieceSize(index)));
    }

    byte[] fileBytes(int index) {
        TorrentFile file = info.files().get(index);
        return Arrays.copyOfRange(data, (int) file.offset(), (int) file.end());
    }

    byte[] range(long start, int length) {
        return Arrays.copyOfRange(data, (int) start, (int) start + length);
    }

    static final class Builder {
        private final String name;
        private final int pieceLength;
        private final Random random;
        private final boolean single;
        private final List<TorrentFile> files = new ArrayList<>();
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();
        private long offset;

        private Builder(String name, int pieceLength, long seed, boolean single) {
            this.name = name;
            this.pieceLength = pieceLength;
            this.random = new Random(seed);
            this.single = single;
        }

        /** A file of random bytes; the path is split on '/'. */
        Builder file(String path, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return add(path, bytes, false);
        }

        /** A BEP 47 padding file of zeros. */
        Builder padding(int length) {
            return add(".pad/" + length, new byte[length], true);
        }

        private Builder add(String path, byte[] bytes, boolean padding) {
            files.add(new TorrentFile(List.of(path.split("/")), bytes.length, offset, padding));
            content.writeBytes(bytes);
            offset += bytes.length;
            return this;
        }

        TestTorrent build() {
            byte[] data = content.toByteArray();
            int pieces = (int) ((data.length + (long) pieceLength - 1) / pieceLength);
            byte[] hashes = new byte[pieces * TorrentInfo.HASH_LENGTH];
            for (int i = 0; i < pieces; i++) {
                int start = i * pieceLength;
                int length = Math.min(pieceLength, data.length - start);
                System.arraycopy(sha1(data, start, length), 0, hashes, i * TorrentInfo.HASH_LENGTH, TorrentInfo.HASH_LENGTH);
            }
            return new TestTorrent(new TorrentInfo(name, pieceLength, hashes, files, single, false), data);
        }
    }

    static byte[] sha1(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
