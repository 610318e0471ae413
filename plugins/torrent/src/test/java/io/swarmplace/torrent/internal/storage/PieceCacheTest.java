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

    @Test
    void takeReusesTheArrayOfAnEvictedPieceOfTheSameSize() {
        PieceCache cache = new PieceCache(200);
        byte[] first = new byte[100];
        cache.put(1, first);
        cache.put(2, new byte[100]);
        byte[] taken = cache.take(100);
        assertThat(taken).as("the least recently used piece's array").isSameAs(first);
        assertThat(cache.get(1)).isNull();
        assertThat(cache.bytes()).isEqualTo(100);
        cache.putTaken(3, taken);
        assertThat(cache.bytes()).isEqualTo(200);
    }

    @Test
    void arraysTakenAtTheSameTimeEachMakeRoomAndReuseAnEvictedArray() {
        PieceCache cache = new PieceCache(200);
        byte[] first = new byte[100];
        byte[] second = new byte[100];
        cache.put(1, first);
        cache.put(2, second);
        byte[] takenByOneThread = cache.take(100);
        byte[] takenByAnother = cache.take(100);
        assertThat(takenByOneThread).isSameAs(first);
        assertThat(takenByAnother).as("the other taker's array is counted, so the second piece goes too").isSameAs(second);
        assertThat(cache.bytes()).isZero();

        cache.putTaken(3, takenByOneThread);
        cache.giveBack(takenByAnother);
        assertThat(cache.bytes()).isEqualTo(100);
        assertThat(cache.contains(3)).isTrue();
        cache.put(4, new byte[100]);
        assertThat(cache.contains(3)).as("the given-back array no longer holds room").isTrue();
    }

    @Test
    void takeAllocatesWhileThereIsRoomOrNoArrayOfTheSize() {
        PieceCache cache = new PieceCache(250);
        cache.put(1, new byte[100]);
        byte[] fresh = cache.take(100);
        assertThat(fresh).hasSize(100);
        assertThat(cache.get(1)).as("there was room, nothing evicted").isNotNull();
        cache.giveBack(fresh);
        cache.put(2, new byte[100]);
        byte[] odd = cache.take(60);
        assertThat(odd).hasSize(60);
        assertThat(cache.bytes()).as("one piece evicted to make room, its array not reusable").isEqualTo(100);
    }

    @Test
    void copiesAreIndependentOfTheCachedArray() {
        PieceCache cache = new PieceCache(100);
        byte[] data = {1, 2, 3, 4, 5};
        cache.put(7, data);
        byte[] copy = cache.copy(7, 1, 3);
        assertThat(copy).containsExactly(2, 3, 4);
        copy[0] = 9;
        assertThat(cache.get(7)[1]).isEqualTo((byte) 2);
        assertThat(cache.copy(8, 0, 1)).isNull();
    }
}
