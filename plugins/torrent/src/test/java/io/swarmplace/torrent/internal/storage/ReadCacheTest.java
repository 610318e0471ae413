package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

    private final Object torrent = new Object();
    private final Object otherTorrent = new Object();

    @Test
    void evictsLeastRecentlyUsedAcrossTorrentsToStayWithinItsBytes() {
        try (ReadCache cache = new ReadCache(300)) {
            cached(cache, torrent, 1, 100, 1);
            cached(cache, otherTorrent, 1, 100, 2);
            cached(cache, torrent, 3, 100, 3);
            assertThat(cache.contains(torrent, 1)).isTrue();
            assertThat(cache.contains(otherTorrent, 3)).as("pieces are keyed by torrent").isFalse();
            release(cache.retainedSlice(torrent, 1, 0, 1)); // used: now the most recent
            cached(cache, torrent, 4, 100, 4);
            assertThat(cache.contains(otherTorrent, 1)).as("least recently used").isFalse();
            assertThat(cache.contains(torrent, 1)).isTrue();
            assertThat(cache.bytes()).isEqualTo(300);
            assertThat(cache.bytesOf(torrent)).isEqualTo(300);
            assertThat(cache.bytesOf(otherTorrent)).isZero();
        }
    }

    @Test
    void aPieceLargerThanTheCacheDoesNotFit() {
        try (ReadCache cache = new ReadCache(50)) {
            assertThat(cache.fits(50)).isTrue();
            assertThat(cache.fits(51)).isFalse();
        }
        try (ReadCache none = new ReadCache(0)) {
            assertThat(none.fits(1)).isFalse();
        }
    }

    @Test
    void slicesShareTheCachedMemoryAndHoldItAfterEviction() {
        try (ReadCache cache = new ReadCache(100)) {
            ByteBuf cached = cached(cache, torrent, 1, 100, 7);
            ByteBuf slice = cache.retainedSlice(torrent, 1, 10, 20);
            assertThat(ByteBufUtil.getBytes(slice)).containsOnly(7).hasSize(20);
            assertThat(slice.memoryAddress()).as("no copy").isEqualTo(cached.memoryAddress() + 10);

            ByteBuf next = cache.take(100);
            assertThat(cache.contains(torrent, 1)).as("evicted to make room").isFalse();
            assertThat(next).as("a slice still holds the evicted buffer: not refilled").isNotSameAs(cached);
            assertThat(cached.refCnt()).isEqualTo(1);
            assertThat(ByteBufUtil.getBytes(slice)).as("still valid for the socket").containsOnly(7);
            slice.release();
            assertThat(cached.refCnt()).as("freed once the slice is written").isZero();
            cache.giveBack(next);
            assertThat(next.refCnt()).isZero();
        }
    }

    @Test
    void takeRefillsTheBufferOfAnEvictedPieceOfTheSameSizeThatNothingHolds() {
        try (ReadCache cache = new ReadCache(200)) {
            ByteBuf first = cached(cache, torrent, 1, 100, 1);
            cached(cache, torrent, 2, 100, 2);
            ByteBuf taken = cache.take(100);
            assertThat(taken).as("the least recently used piece's buffer").isSameAs(first);
            assertThat(taken.writerIndex()).as("handed out empty").isZero();
            assertThat(cache.contains(torrent, 1)).isFalse();
            assertThat(cache.bytes()).isEqualTo(100);
            cache.putTaken(torrent, 3, taken.writeZero(100));
            assertThat(cache.bytes()).isEqualTo(200);
        }
    }

    @Test
    void buffersTakenAtTheSameTimeEachMakeRoomAndRefillAnEvictedBuffer() {
        try (ReadCache cache = new ReadCache(200)) {
            ByteBuf first = cached(cache, torrent, 1, 100, 1);
            ByteBuf second = cached(cache, torrent, 2, 100, 2);
            ByteBuf takenByOneThread = cache.take(100);
            ByteBuf takenByAnother = cache.take(100);
            assertThat(takenByOneThread).isSameAs(first);
            assertThat(takenByAnother).as("the other taker's buffer is counted, so the second piece goes too").isSameAs(second);
            assertThat(cache.bytes()).isZero();

            cache.putTaken(torrent, 3, takenByOneThread.writeZero(100));
            cache.giveBack(takenByAnother);
            assertThat(takenByAnother.refCnt()).as("a given-back buffer is freed").isZero();
            assertThat(cache.bytes()).isEqualTo(100);
            cached(cache, torrent, 4, 100, 4);
            assertThat(cache.contains(torrent, 3)).as("the given-back buffer no longer holds room").isTrue();
        }
    }

    @Test
    void takeAllocatesWhileThereIsRoomOrNoBufferOfTheSize() {
        try (ReadCache cache = new ReadCache(250)) {
            ByteBuf one = cached(cache, torrent, 1, 100, 1);
            ByteBuf fresh = cache.take(100);
            assertThat(fresh.capacity()).isEqualTo(100);
            assertThat(fresh.isDirect()).isTrue();
            assertThat(cache.contains(torrent, 1)).as("there was room, nothing evicted").isTrue();
            cache.giveBack(fresh);
            cached(cache, torrent, 2, 100, 2);
            ByteBuf odd = cache.take(60);
            assertThat(odd.capacity()).isEqualTo(60);
            assertThat(one.refCnt()).as("evicted to make room, not reusable for 60 bytes: freed").isZero();
            assertThat(cache.bytes()).isEqualTo(100);
            cache.giveBack(odd);
        }
    }

    @Test
    void removingATorrentFreesOnlyItsPieces() {
        ReadCache cache = new ReadCache(1000);
        ByteBuf mine = cached(cache, torrent, 1, 100, 1);
        ByteBuf replaced = cached(cache, torrent, 2, 100, 2);
        ByteBuf theirs = cached(cache, otherTorrent, 1, 100, 3);
        cached(cache, torrent, 2, 200, 4);
        assertThat(replaced.refCnt()).as("a piece cached again frees its old buffer").isZero();
        assertThat(cache.bytes()).isEqualTo(400);

        cache.removeAll(torrent);
        assertThat(mine.refCnt()).isZero();
        assertThat(cache.bytes()).isEqualTo(100);
        assertThat(cache.contains(otherTorrent, 1)).isTrue();
        cache.remove(otherTorrent, 1);
        cache.remove(otherTorrent, 1);
        assertThat(theirs.refCnt()).isZero();
        assertThat(cache.bytes()).isZero();

        ByteBuf last = cached(cache, torrent, 9, 10, 9);
        ByteBuf stillBeingRead = cache.take(10);
        cache.close();
        assertThat(last.refCnt()).as("closing frees everything").isZero();
        assertThat(cache.bytes()).isZero();
        cache.putTaken(torrent, 10, stillBeingRead.writeZero(10));
        assertThat(stillBeingRead.refCnt()).as("a read that finishes after closing frees its buffer").isZero();
        assertThat(cache.contains(torrent, 10)).isFalse();
    }

    @Test
    void copiesAreIndependentOfTheCachedMemory() {
        try (ReadCache cache = new ReadCache(100)) {
            ByteBuf taken = cache.take(5);
            taken.writeBytes(new byte[] {1, 2, 3, 4, 5});
            cache.putTaken(torrent, 7, taken);
            byte[] copy = cache.copy(torrent, 7, 1, 3);
            assertThat(copy).containsExactly(2, 3, 4);
            copy[0] = 9;
            assertThat(cache.copy(torrent, 7, 1, 1)).containsExactly(2);
            assertThat(cache.copy(torrent, 8, 0, 1)).isNull();
            assertThat(cache.retainedSlice(torrent, 8, 0, 1)).isNull();
        }
    }

    /** Caches a piece of {@code size} bytes, each {@code fill}, through take and putTaken as the storage does. */
    private static ByteBuf cached(ReadCache cache, Object owner, int piece, int size, int fill) {
        ByteBuf buffer = cache.take(size);
        while (buffer.isWritable()) {
            buffer.writeByte(fill);
        }
        cache.putTaken(owner, piece, buffer);
        return buffer;
    }

    private static void release(ByteBuf slice) {
        assertThat(slice).isNotNull();
        slice.release();
    }
}
