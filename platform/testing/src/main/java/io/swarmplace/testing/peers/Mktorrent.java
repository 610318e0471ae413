package io.swarmplace.testing.peers;

import io.swarmplace.testing.ExternalPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * mktorrent 1.1: writes v1 .torrent files the way much of the world makes them (files sorted by path, no
 * pad files, "created by"/"creation date" outside the info dictionary), to cross-check our own encoder and
 * info-hashes.
 */
public final class Mktorrent {

    public static final Path MKTORRENT = Path.of("/usr/bin/mktorrent");
    public static final String NAME = "mktorrent";
    public static final String HOW_TO_GET = "apt-get install mktorrent";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Mktorrent() {}

    public static boolean available() {
        return Files.isExecutable(MKTORRENT);
    }

    /** Skips (or under SWARMPLACE_IT=required fails) the calling test if mktorrent is missing. */
    public static void require() {
        ExternalPart.require(NAME, HOW_TO_GET, Mktorrent::available);
    }

    /** {@link #create(Path, List, int, Path)} with one tracker, or none if {@code announce} is null. */
    public static Path create(Path content, String announce, int pieceLengthExponent, Path out) {
        return create(content, announce == null ? List.of() : List.of(announce), pieceLengthExponent, out);
    }

    /**
     * Runs {@code mktorrent -l EXP [-a URL]... -o OUT CONTENT}: pieces of 2^EXP bytes, the first tracker as
     * "announce", each as a tier of "announce-list" (one entry "URL1,URL2" is one tier of two trackers).
     * {@code out} must not exist (mktorrent refuses to overwrite).
     */
    public static Path create(Path content, List<String> announces, int pieceLengthExponent, Path out) {
        return create(content, announces, pieceLengthExponent, out, List.of());
    }

    /**
     * {@link #create(Path, List, int, Path)} with more mktorrent options, e.g. {@code "-p"} (private),
     * {@code "-w", URL} (a web seed) or {@code "-c", COMMENT}.
     */
    public static Path create(Path content, List<String> announces, int pieceLengthExponent, Path out, List<String> moreOptions) {
        if (pieceLengthExponent < 15 || pieceLengthExponent > 28) {
            throw new IllegalArgumentException("mktorrent takes piece length exponents 15 (32 KiB) to 28 (256 MiB), not " + pieceLengthExponent);
        }
        if (Files.exists(out)) {
            throw new PeerFixtureException("mktorrent will not overwrite " + out + "; delete it or choose another name");
        }
        List<String> command = new ArrayList<>(List.of(MKTORRENT.toString(), "-l", Integer.toString(pieceLengthExponent), "-t", "1"));
        for (String announce : announces) {
            command.add("-a");
            command.add(announce);
        }
        command.addAll(moreOptions);
        command.add("-o");
        command.add(out.toAbsolutePath().toString());
        command.add(content.toAbsolutePath().toString());
        try (ExternalProgram mktorrent = ExternalProgram.start("mktorrent", command, null)) {
            int exit = mktorrent.awaitExit(TIMEOUT);
            if (exit != 0 || !Files.isRegularFile(out)) {
                throw new PeerFixtureException("mktorrent failed with exit code " + exit + " making " + out + mktorrent.describe());
            }
        }
        return out;
    }
}
