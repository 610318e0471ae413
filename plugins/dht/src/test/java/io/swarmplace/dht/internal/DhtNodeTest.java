package io.swarmplace.dht.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dht.DhtUnavailableException;
import io.swarmplace.dht.internal.node.DhtSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component outside OSGi: configuration checks, two components finding each other, the commands, disabled mode. */
class DhtNodeTest {

    @TempDir
    Path temp;

    @Test
    void theDefaultsAreThePublicDhtOnPort6881WithTheWellKnownRouters() {
        DhtSettings settings = DhtNode.settings(new TestConfig().config(), temp.resolve("dht/routing.dat"));
        assertThat(settings.port()).isEqualTo(6881);
        assertThat(settings.bindAddresses()).containsExactly("0.0.0.0", "::");
        assertThat(settings.privateNetwork()).isFalse();
        assertThat(settings.verifyNodeIds()).isFalse();
        assertThat(settings.bootstrapNodes()).containsExactly("router.bittorrent.com:6881", "dht.transmissionbt.com:6881",
                "router.utorrent.com:6881");
        assertThat(settings.stateFile()).contains(temp.resolve("dht/routing.dat"));
        assertThat(settings.readOnly()).isFalse();
        assertThat(settings.maxItems()).isEqualTo(10_000);
        assertThat(settings.itemTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.saveInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.bindIps()).allMatch(java.net.InetAddress::isAnyLocalAddress);
    }

    @Test
    void badConfigurationIsRefusedNamingTheAttributeAndThePid() {
        assertThatThrownBy(() -> DhtNode.settings(new TestConfig().with("port", 70_000).config(), temp))
                .hasMessageContaining("port").hasMessageContaining(DhtNode.PID);
        assertThatThrownBy(() -> DhtNode.settings(new TestConfig().with("bootstrapNodes", new String[] {"router:x"}).config(), temp))
                .hasMessageContaining("router:x").hasMessageContaining(DhtNode.PID);
        assertThatThrownBy(() -> new DhtNode(TestConfig.loopback().with("bindAddress", new String[] {"192.0.2.1"}).config(),
                temp.resolve("r.dat"))).hasMessageContaining("cannot listen on UDP 192.0.2.1");
    }

    @Test
    void twoComponentsFindEachOtherAndTheCommandsReportIt() throws Exception {
        DhtNode first = new DhtNode(TestConfig.loopback().config(), temp.resolve("a.dat"));
        try {
            InetSocketAddress firstAddress = first.stats().localAddress().orElseThrow();
            DhtNode second = new DhtNode(TestConfig.loopback().with("bootstrapNodes", new String[] {"127.0.0.1:"
                    + firstAddress.getPort()}).config(), temp.resolve("b.dat"));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> first.stats().routingTableNodes() == 1);
                DhtCommands commands = new DhtCommands(second);
                assertThat(commands.status()).contains("id:       " + second.stats().nodeIdHex())
                        .contains("routing:  1 nodes in 1 buckets");
                byte[] infoHash = new byte[20];
                infoHash[0] = 7;
                first.announce(infoHash, 6000).get(10, TimeUnit.SECONDS);
                String hex = "07" + "00".repeat(19);
                assertThat(commands.lookup(hex)).startsWith("Info-hash " + hex + ": 1 peers from 1 of 1 nodes asked")
                        .contains("peer 127.0.0.1:6000");
                assertThatThrownBy(() -> commands.lookup("xyz")).hasMessageContaining("40 hex digits");

                String stored = commands.put("", "", -1, false, "Hello World!");
                assertThat(stored).isEqualTo("Stored immutable item e5f96f6f38320f0f33959cb4d3d656452117aadb on 1 nodes");
                assertThat(commands.get("", "e5f96f6f38320f0f33959cb4d3d656452117aadb")).endsWith("value: \"Hello World!\"");

                Path key = temp.resolve("keys/offers.key");
                String first1 = commands.put(key.toString(), "offers", -1, false, "v1");
                assertThat(first1).startsWith("New key written to " + key).contains("Stored mutable item seq 1 on 1 nodes");
                String publicKey = first1.lines().filter(line -> line.contains("public key: ")).findFirst().orElseThrow()
                        .replaceAll(".*public key: ", "");
                assertThat(commands.put(key.toString(), "offers", -1, true, "2:v2")).contains("Stored mutable item seq 2");
                assertThat(commands.get("offers", publicKey)).contains("seq 2").endsWith("value: \"v2\"");
                assertThat(commands.get("", publicKey)).startsWith("No node has a mutable item");
                assertThat(commands.status()).contains("stored:   1 peers for 1 info-hashes, 1 immutable and 1 mutable items");
                assertThat(first.stats()).satisfies(stats -> {
                    assertThat(stats.storedImmutableItems()).isEqualTo(1);
                    assertThat(stats.storedMutableItems()).isEqualTo(1);
                    assertThat(stats.storedItems()).isEqualTo(2);
                });
                assertThatThrownBy(() -> commands.put("", "offers", -1, false, "x")).hasMessageContaining("--key");
                assertThatThrownBy(() -> commands.put("", "", -1, true, "not bencode")).hasMessageContaining("bencoded");
            } finally {
                second.deactivate();
            }
        } finally {
            first.deactivate();
        }
        assertThat(temp.resolve("a.dat")).exists();
    }

    @Test
    void aDisabledNodeBindsNothingAndRefusesEveryOperation() throws Exception {
        DhtNode disabled = new DhtNode(TestConfig.loopback().with("enabled", false).config(), temp.resolve("x.dat"));
        try {
            assertThat(disabled.stats().localAddress()).isEmpty();
            assertThat(new DhtCommands(disabled).status()).contains("not running").contains("enabled=true");
            assertThatThrownBy(() -> disabled.getPeers(new byte[20]).join()).hasCauseInstanceOf(DhtUnavailableException.class)
                    .hasMessageContaining(DhtNode.PID);
        } finally {
            disabled.deactivate();
        }
        assertThat(temp.resolve("x.dat")).doesNotExist();
    }
}
