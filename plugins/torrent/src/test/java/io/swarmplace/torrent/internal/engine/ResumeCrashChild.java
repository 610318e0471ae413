package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.AddTorrent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine in a JVM of its own, for {@link ResumeAfterStopTest} to kill with SIGKILL: it adds a
 * torrent, downloads from one peer and never stops cleanly. Exits by itself after 90 s in case nobody
 * kills it. Arguments: download folder, state folder, .torrent file, peer host, peer port.
 */
public final class ResumeCrashChild {

    private ResumeCrashChild() {}

    public static void main(String[] args) throws Exception {
        TorrentEngine engine = new TorrentEngine(new TestEngineConfig(0), Path.of(args[0]), Path.of(args[1]));
        engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(Path.of(args[2]))).sequential(true)
                .withPeers(List.of(new InetSocketAddress(args[3], Integer.parseInt(args[4])))));
        System.out.println("downloading");
        System.out.flush();
        Thread.sleep(90_000);
        System.exit(3);
    }
}
