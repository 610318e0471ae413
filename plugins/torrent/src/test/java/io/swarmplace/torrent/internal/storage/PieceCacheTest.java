package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PieceCacheTest {

    @Test
    void evictsLeastRecentlyUsedToStayWithinItsBytes() {
        PieceCache cache = new PieceCache(300);
        cache.put(1, new byte[100]);
        cache.put(2, new byte[100]);
        cache.put(3, new byte[100]);
        assertThat(cache.get(1)).isNotNull();
        cache.put(4, new byte[100]);
        assertThat(cache.get(2)).as("least recently used").isNull();
        assertThat(cache.get(1)).isNotNull();
        assertThat(cache.bytes()).isEqualTo(300);
    }

    @Test
    void aPieceLargerThanTheCacheIsNotKept() {
        PieceCache cache = new PieceCache(50);
        cache.put(1, new byte[51]);
        assertThat(cache.get(1)).isNull();
        assertThat(cache.bytes()).isZero();
        assertThat(new PieceCache(0).fits(1)).isFalse();
    }

    @Test
    void replacingAndRemovingKeepTheCountRight() {
        PieceCache cache = new PieceCache(1000);
        cache.put(1, new byte[100]);
        cache.put(1, new byte[200]);
        assertThat(cache.bytes()).isEqualTo(200);
        cache.remove(1);
        cache.remove(1);
        assertThat(cache.bytes()).isZero();
    }
}
