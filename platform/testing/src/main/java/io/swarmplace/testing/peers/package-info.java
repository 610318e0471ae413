/**
 * Test fixtures that run real BitTorrent programs on 127.0.0.1 for the engine's interop tests: a libtorrent
 * peer driven through a small Python script ({@link io.swarmplace.testing.peers.LibtorrentPeer}), opentracker
 * ({@link io.swarmplace.testing.peers.OpenTracker}), aria2c, transmission-cli and mktorrent, plus
 * {@link io.swarmplace.testing.peers.FreePorts} for ports usable by TCP and UDP at once.
 *
 * <p>Every fixture is AutoCloseable and always ends its process (kill after a grace period); every wait is
 * bounded and fails with {@link io.swarmplace.testing.peers.PeerFixtureException} (or its
 * {@link io.swarmplace.testing.peers.PeerTimeoutException}) quoting the program's last output. Each class
 * has {@code available()} and {@code require()}; call {@code require()} first so a machine without the
 * program skips the test (or fails it under SWARMPLACE_IT=required). Settings and traps are those of
 * /work/shared/notes/interop.md (DHT, LSD, UPnP, uTP off unless asked; loopback only).
 */
package io.swarmplace.testing.peers;
