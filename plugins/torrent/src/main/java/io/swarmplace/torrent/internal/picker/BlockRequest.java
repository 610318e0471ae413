package io.swarmplace.torrent.internal.picker;

/**
 * One block to request: {@code length} bytes at {@code begin} within {@code piece}. Blocks are
 * 16 KiB, the last one of the torrent's last piece possibly shorter.
 */
public record BlockRequest(int piece, int begin, int length) {
}
