package io.swarmplace.torrent.internal.engine;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeEncoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.torrent.internal.storage.AtomicFiles;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The engine's own files, so that torrents survive a restart: per info-hash the .torrent (or the magnet
 * link while its metadata is missing), the session settings, and the storage's resume data. Every file
 * is replaced atomically (temp file, fsync, rename): a crash leaves the old version or the new one.
 */
final class StateStore {

    private static final Logger LOG = Logger.getLogger(StateStore.class.getName());

    private final Path folder;

    StateStore(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    Path resumeFile(InfoHash infoHash) {
        return folder.resolve(infoHash.hex() + ".resume");
    }

    void saveTorrent(InfoHash infoHash, byte[] torrentFile) {
        write(folder.resolve(infoHash.hex() + ".torrent"), torrentFile);
        delete(folder.resolve(infoHash.hex() + ".magnet"));
    }

    void saveMagnet(InfoHash infoHash, String magnet) {
        write(folder.resolve(infoHash.hex() + ".magnet"), magnet.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void saveSettings(InfoHash infoHash, SavedTorrent.Settings settings) {
        BDictionary dictionary = BDictionary.builder()
                .put("added", settings.addedOrder())
                .put("folder", settings.saveFolder().toString())
                .put("paused", settings.paused() ? 1 : 0)
                .put("sequential", settings.sequential() ? 1 : 0)
                .build();
        write(folder.resolve(infoHash.hex() + ".state"), new BencodeEncoder().encode(dictionary));
    }

    void forget(InfoHash infoHash) {
        for (String suffix : List.of(".state", ".torrent", ".magnet", ".resume")) {
            delete(folder.resolve(infoHash.hex() + suffix));
        }
    }

    /** Everything saved, in the order it was added; unreadable entries are logged and skipped. */
    List<SavedTorrent> load() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<SavedTorrent> saved = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path stateFile : files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{40}\\.state")).toList()) {
                String hex = stateFile.getFileName().toString().substring(0, 40);
                try {
                    saved.add(read(InfoHash.fromHex(hex), stateFile));
                } catch (IOException | BencodeException | IllegalArgumentException e) {
                    LOG.warning(() -> "skipping saved torrent " + hex + " in " + folder + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the engine's state folder " + folder, e);
        }
        saved.sort(Comparator.comparingLong(t -> t.settings().addedOrder()));
        return saved;
    }

    private SavedTorrent read(InfoHash infoHash, Path stateFile) throws IOException {
        BValue value = new BencodeDecoder().decode(Files.readAllBytes(stateFile));
        if (!(value instanceof BDictionary dictionary)) {
            throw new IllegalArgumentException("not a dictionary");
        }
        SavedTorrent.Settings settings = new SavedTorrent.Settings(
                integer(dictionary, "added"),
                Path.of(string(dictionary, "folder")),
                integer(dictionary, "paused") != 0,
                integer(dictionary, "sequential") != 0);
        Path torrent = folder.resolve(infoHash.hex() + ".torrent");
        Path magnet = folder.resolve(infoHash.hex() + ".magnet");
        Optional<byte[]> torrentBytes = Files.isRegularFile(torrent) ? Optional.of(Files.readAllBytes(torrent)) : Optional.empty();
        Optional<String> magnetLink = Files.isRegularFile(magnet) ? Optional.of(Files.readString(magnet)) : Optional.empty();
        if (torrentBytes.isEmpty() && magnetLink.isEmpty()) {
            throw new IllegalArgumentException("neither a .torrent nor a .magnet file is there");
        }
        return new SavedTorrent(infoHash, torrentBytes, magnetLink, settings);
    }

    private static long integer(BDictionary dictionary, String key) {
        return dictionary.get(key).filter(BInteger.class::isInstance).map(v -> ((BInteger) v).value())
                .orElseThrow(() -> new IllegalArgumentException("missing integer '" + key + "'"));
    }

    private static String string(BDictionary dictionary, String key) {
        return dictionary.get(key).filter(BString.class::isInstance).map(v -> ((BString) v).utf8())
                .orElseThrow(() -> new IllegalArgumentException("missing string '" + key + "'"));
    }

    private static void write(Path target, byte[] bytes) {
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "cannot delete " + file + ": " + e.getMessage());
        }
    }
}
