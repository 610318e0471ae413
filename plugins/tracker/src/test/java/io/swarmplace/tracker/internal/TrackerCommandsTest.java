package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrackerCommandsTest {

    private TrackerServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.deactivate();
        }
    }

    @Test
    void statusAndSwarmsDescribeWhatTheTrackerHolds() throws Exception {
        server = new TrackerServer(TestConfig.loopback().with("udpPort", -1).config());
        TrackerCommands commands = new TrackerCommands(server);
        assertThat(commands.swarms()).isEqualTo("No swarms");
        try (RawHttp client = new RawHttp(server.httpAnnounceUri().orElseThrow())) {
            for (int peer = 1; peer <= 3; peer++) {
                client.send("GET /announce?" + Announces.announceQuery(Announces.hash(1), Announces.peerId(peer), 6000 + peer,
                        peer == 1 ? 0 : 10, "") + " HTTP/1.1\r\n\r\n");
                client.read();
            }
            client.send("GET /nowhere HTTP/1.1\r\n\r\n");
            client.read();
        }

        String status = commands.status();
        String swarms = commands.swarms();

        assertThat(status).contains("http:     " + server.httpAnnounceUri().orElseThrow())
                .contains("udp:      off")
                .contains("torrents: 1")
                .contains("peers:    3 (1 seeders, 2 leechers)")
                .contains("announces: 3 http, 0 udp")
                .contains("invalid http: 1");
        assertThat(swarms.lines()).containsExactly(
                "INFO-HASH                                 SEEDERS LEECHERS COMPLETED",
                InfoHashKey.of(Announces.hash(1)).hex() + "        1        2         0");
    }

    @Test
    void statusSaysWhenTheTrackerIsDisabled() throws Exception {
        server = new TrackerServer(TestConfig.loopback().with("enabled", false).config());

        assertThat(new TrackerCommands(server).status()).isEqualTo("Tracker disabled (set enabled=true in PID io.swarmplace.tracker)");
    }
}
