package io.swarmplace.torrent.internal.shell;

import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.EngineStatus;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentService;
import io.swarmplace.torrent.TorrentStatus;
import io.swarmplace.torrent.metainfo.MagnetLink;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import io.swarmplace.torrent.metainfo.TorrentFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell commands in scope {@code torrent}. A torrent is named by its info-hash, a unique prefix of it
 * (4 hex digits or more), or its number in {@code torrent:list}. Relative paths are taken from the
 * shell session's working directory; the CLI sends absolute ones.
 */
@Component(
        service = TorrentCommands.class,
        property = {
            "osgi.command.scope=torrent",
            "osgi.command.function=add",
            "osgi.command.function=list",
            "osgi.command.function=info",
            "osgi.command.function=peers",
            "osgi.command.function=pause",
            "osgi.command.function=resume",
            "osgi.command.function=remove",
            "osgi.command.function=recheck",
            "osgi.command.function=move",
            "osgi.command.function=create",
            "osgi.command.function=progress"
        })
public class TorrentCommands {

    private static final String NONE = "";
    private static final long OPERATION_TIMEOUT_MINUTES = 30;

    private final TorrentService engine;

    @Activate
    public TorrentCommands(@Reference TorrentService engine) {
        this.engine = engine;
    }

    @Descriptor("adds a torrent from a .torrent file or a magnet link and starts it")
    public String add(
            CommandSession session,
            @Descriptor("folder to download into (default: the engine's download folder)")
                    @Parameter(names = {"-f", "--folder"}, absentValue = NONE) String folder,
            @Descriptor("add without starting") @Parameter(names = {"-p", "--paused"}, presentValue = "true", absentValue = "false")
                    boolean paused,
            @Descriptor("download pieces in order, for streaming")
                    @Parameter(names = {"-s", "--sequential"}, presentValue = "true", absentValue = "false") boolean sequential,
            @Descriptor("peers to dial at once, host:port[,host:port...]") @Parameter(names = {"--peer"}, absentValue = NONE)
                    String peers,
            @Descriptor("extra tracker URLs, comma separated") @Parameter(names = {"--tracker"}, absentValue = NONE)
                    String trackers,
            @Descriptor(".torrent file or magnet: link") String source) {
        AddTorrent request = AddTorrent.of(source(session, source))
                .paused(paused)
                .sequential(sequential)
                .withPeers(parsePeers(peers))
                .withTrackers(parseUris(trackers));
        if (!folder.isEmpty()) {
            request = request.savingTo(Paths.resolve(session, folder));
        }
        Torrent torrent = engine.add(request);
        TorrentStatus status = torrent.status();
        return "Added " + torrent.infoHash() + " " + status.name() + " (" + status.state().name().toLowerCase(Locale.ROOT)
                + ", saving to " + status.saveFolder() + ")";
    }

    @Descriptor("lists the torrents with progress, rates and peers")
    public String list() {
        EngineStatus status = engine.status();
        String address = status.listenAddress().getAddress().getHostAddress() + ":" + status.listenAddress().getPort();
        return "Listening on " + address + ", " + status.connectedPeers() + " peers, down "
                + Units.rate(status.downloadRate()) + ", up " + Units.rate(status.uploadRate()) + "\n"
                + TorrentTable.format(engine.torrents().stream().map(Torrent::status).toList());
    }

    @Descriptor("shows one torrent in detail: state, sizes, rates, pieces, files")
    public String info(@Descriptor("info-hash, prefix or number") String torrent) {
        Torrent found = TorrentRef.resolve(engine, torrent);
        TorrentStatus status = found.status();
        StringBuilder out = new StringBuilder(TorrentTable.details(status));
        found.metainfo().ifPresent(metainfo -> appendMetainfo(out, metainfo));
        return out.toString();
    }

    @Descriptor("lists a torrent's connected peers with the bytes exchanged with each")
    public String peers(@Descriptor("info-hash, prefix or number") String torrent) {
        List<PeerStatus> peers = TorrentRef.resolve(engine, torrent).peers();
        return PeerTable.format(peers);
    }

    @Descriptor("pauses a torrent: disconnects its peers and stops announcing")
    public String pause(@Descriptor("info-hash, prefix or number") String torrent) {
        Torrent found = TorrentRef.resolve(engine, torrent);
        found.pause();
        return "Paused " + found.infoHash();
    }

    @Descriptor("resumes a paused torrent")
    public String resume(@Descriptor("info-hash, prefix or number") String torrent) {
        Torrent found = TorrentRef.resolve(engine, torrent);
        found.resume();
        return "Resumed " + found.infoHash();
    }

    @Descriptor("removes a torrent; its files stay unless --delete-data")
    public String remove(
            @Descriptor("delete the downloaded files too")
                    @Parameter(names = {"-d", "--delete-data"}, presentValue = "true", absentValue = "false") boolean deleteData,
            @Descriptor("info-hash, prefix or number") String torrent) throws Exception {
        Torrent found = TorrentRef.resolve(engine, torrent);
        await(found.remove(deleteData));
        return "Removed " + found.infoHash() + (deleteData ? " and deleted its files" : " (files kept)");
    }

    @Descriptor("hashes a torrent's data on disk again")
    public String recheck(@Descriptor("info-hash, prefix or number") String torrent) throws Exception {
        Torrent found = TorrentRef.resolve(engine, torrent);
        int verified = await(found.recheck());
        return "Rechecked " + found.infoHash() + ": " + verified + " of " + found.status().pieceCount() + " pieces verified";
    }

    @Descriptor("moves a torrent's files to another folder")
    public String move(
            CommandSession session,
            @Descriptor("info-hash, prefix or number") String torrent,
            @Descriptor("new folder") String folder) throws Exception {
        Torrent found = TorrentRef.resolve(engine, torrent);
        Path target = Paths.resolve(session, folder);
        await(found.moveStorage(target));
        return "Moved " + found.infoHash() + " to " + target;
    }

    @Descriptor("makes a .torrent file from a file or folder")
    public String create(
            CommandSession session,
            @Descriptor("tracker URLs, comma separated (one tier)") @Parameter(names = {"-t", "--tracker"}, absentValue = NONE)
                    String trackers,
            @Descriptor("piece size, e.g. 256k or 1m (default: chosen from the size)")
                    @Parameter(names = {"-l", "--piece-size"}, absentValue = NONE) String pieceSize,
            @Descriptor("private torrent (BEP 27): peers only from its trackers")
                    @Parameter(names = {"--private"}, presentValue = "true", absentValue = "false") boolean privateTorrent,
            @Descriptor("align files to pieces with padding files (BEP 47)")
                    @Parameter(names = {"--pad"}, presentValue = "true", absentValue = "false") boolean pad,
            @Descriptor("where to write the .torrent (default: <name>.torrent in the working directory)")
                    @Parameter(names = {"-o", "--output"}, absentValue = NONE) String output,
            @Descriptor("start seeding it from where the content is")
                    @Parameter(names = {"--seed"}, presentValue = "true", absentValue = "false") boolean seed,
            @Descriptor("file or folder") String content) throws Exception {
        Path contentPath = Paths.resolve(session, content);
        CreateTorrent options = CreateTorrent.defaults()
                .withTrackers(parseUris(trackers))
                .withPrivate(privateTorrent)
                .withPadFiles(pad);
        if (!pieceSize.isEmpty()) {
            options = options.withPieceLength(Math.toIntExact(Units.parseBytes(pieceSize)));
        }
        Metainfo metainfo = await(engine.create(contentPath, options));
        Path out = output.isEmpty()
                ? Paths.resolve(session, metainfo.info().name() + ".torrent")
                : Paths.resolve(session, output);
        Files.write(out, new MetainfoWriter().write(metainfo));
        StringBuilder result = new StringBuilder()
                .append("Created ").append(out).append('\n')
                .append("  info-hash ").append(metainfo.infoHash()).append('\n')
                .append("  ").append(metainfo.info().pieceCount()).append(" pieces of ")
                .append(Units.bytes(metainfo.info().pieceLength())).append(", ")
                .append(Units.bytes(metainfo.info().totalLength())).append('\n')
                .append("  ").append(MagnetLink.of(metainfo).toUri());
        if (seed) {
            Path parent = contentPath.toAbsolutePath().getParent();
            engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(out)).savingTo(parent));
            result.append("\nSeeding from ").append(parent);
        }
        return result.toString();
    }

    /** One machine-readable line for the CLI's progress bar (tab separated, stable order). */
    @Descriptor("prints one tab-separated status line: state progress verified wanted down up eta-seconds peers name")
    public String progress(@Descriptor("info-hash, prefix or number") String torrent) {
        TorrentStatus status = TorrentRef.resolve(engine, torrent).status();
        return String.join("\t",
                status.state().name(),
                String.format(Locale.ROOT, "%.6f", status.progress()),
                Long.toString(status.verifiedBytes()),
                Long.toString(status.wantedBytes()),
                Long.toString(status.downloadRate()),
                Long.toString(status.uploadRate()),
                status.eta().map(d -> Long.toString(d.toSeconds())).orElse("-"),
                Integer.toString(status.connectedPeers()),
                status.name());
    }

    private static AddTorrent.Source source(CommandSession session, String source) {
        if (source.regionMatches(true, 0, "magnet:", 0, 7)) {
            return new AddTorrent.MagnetSource(source);
        }
        Path file = Paths.resolve(session, source);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no .torrent file at " + file + " (give a path or a magnet: link)");
        }
        return new AddTorrent.TorrentFileSource(file);
    }

    private static void appendMetainfo(StringBuilder out, Metainfo metainfo) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", "trackers",
                metainfo.trackers().isEmpty() ? "(none)" : metainfo.trackers().get(0)
                        + (metainfo.trackers().size() > 1 ? " and " + (metainfo.trackers().size() - 1) + " more" : "")));
        out.append(String.format(Locale.ROOT, "%-12s %s%n", "private", metainfo.info().privateTorrent() ? "yes" : "no"));
        out.append("files:\n");
        for (TorrentFile file : metainfo.info().files()) {
            if (!file.padding()) {
                out.append(String.format(Locale.ROOT, "  %10s  %s%n", Units.bytes(file.length()), file.displayPath()));
            }
        }
    }

    static List<InetSocketAddress> parsePeers(String text) {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String item : splitList(text)) {
            int colon = item.lastIndexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new IllegalArgumentException("peer '" + item + "' is not host:port");
            }
            String host = item.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(item.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("peer '" + item + "' has no valid port");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("peer '" + item + "': port must be 1..65535");
            }
            peers.add(new InetSocketAddress(host, port));
        }
        return peers;
    }

    static List<URI> parseUris(String text) {
        List<URI> uris = new ArrayList<>();
        for (String item : splitList(text)) {
            URI uri = URI.create(item);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "udp").contains(scheme)) {
                throw new IllegalArgumentException("tracker '" + item + "' must be an http, https or udp URL");
            }
            uris.add(uri);
        }
        return uris;
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(OPERATION_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("still running after " + OPERATION_TIMEOUT_MINUTES + " minutes; it goes on in the node");
        }
    }

    /** Resolves paths against the shell session's working directory. */
    static final class Paths {
        private Paths() {}

        static Path resolve(CommandSession session, String path) {
            Path given = Path.of(path);
            if (given.isAbsolute() || session == null) {
                return given.toAbsolutePath().normalize();
            }
            Path base = session.currentDir();
            return (base == null ? given.toAbsolutePath() : base.resolve(given)).normalize();
        }
    }
}
