package io.swarmplace.torrent.internal.choke;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IP addresses we refuse to connect to or accept, with why. Shared by every torrent of a session
 * (a peer that sent one torrent bad data is not trusted with another) and read by the accepting
 * side before a connection is handed to a torrent, so this class, unlike the rest of the package, is
 * thread-safe. IPv4-mapped IPv6 addresses need no care: {@link InetAddress} already yields them as
 * {@link java.net.Inet4Address}.
 */
public final class BanList {

    private final Map<InetAddress, String> banned = new ConcurrentHashMap<>();

    /** Bans {@code address}; returns false if it was already banned (the first reason is kept). */
    public boolean ban(InetAddress address, String reason) {
        return banned.putIfAbsent(address, reason) == null;
    }

    public boolean unban(InetAddress address) {
        return banned.remove(address) != null;
    }

    public boolean isBanned(InetAddress address) {
        return banned.containsKey(address);
    }

    public Optional<String> reason(InetAddress address) {
        return Optional.ofNullable(banned.get(address));
    }

    /** A snapshot of the banned addresses and reasons. */
    public Map<InetAddress, String> snapshot() {
        return Map.copyOf(banned);
    }

    public int size() {
        return banned.size();
    }
}
