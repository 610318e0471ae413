package io.swarmplace.tracker.internal;

import io.swarmplace.bencode.BencodeDecoder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Programs and files the interop tests share: mktorrent, test payloads, info-hashes. */
final class Tools {

    private Tools() {}

    /** True if the command runs and exits 0 within 30 s. */
    static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void requireMktorrent() {
        io.swarmplace.testing.ExternalPart.require("mktorrent", "apt-get install mktorrent",
                () -> io.swarmplace.testing.ExternalPart.onPath("mktorrent"));
    }

    /** A file of {@code size} bytes from a seeded generator. */
    static Path payload(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Runs mktorrent with 64 KiB pieces and {@code announce} as the only tracker. */
    static Path mktorrent(Path data, URI announce, Path torrent) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("mktorrent", "-a", announce.toString(), "-l", "16",
                "-o", torrent.toString(), data.toString()))
                .redirectErrorStream(true)
                .redirectOutput(torrent.resolveSibling("mktorrent.log").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("mktorrent failed: " + Files.readString(torrent.resolveSibling("mktorrent.log")));
        }
        return torrent;
    }

    /** SHA-1 of the info dictionary exactly as encoded in the file, in hex. */
    static String infoHashHex(Path torrent) throws IOException {
        byte[] info = new BencodeDecoder().decodeWithSpans(Files.readAllBytes(torrent)).rawMember("info")
                .orElseThrow(() -> new IllegalStateException(torrent + " has no info dictionary"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(info));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A TCP port free on 127.0.0.1 a moment ago, for programs that cannot be told to pick one. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
