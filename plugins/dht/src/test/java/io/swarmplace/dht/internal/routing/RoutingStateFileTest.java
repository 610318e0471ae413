package io.swarmplace.dht.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingStateFileTest {

    @TempDir
    Path temp;

    private final Random random = new Random(5);

    @Test
    void savedStateReadsBackAndLeavesNoTemporaryFile() throws Exception {
        Path file = temp.resolve("dht/routing.dat");
        RoutingStateFile store = new RoutingStateFile(file);
        assertThat(store.load()).isEmpty();
        SavedRoutingState state = new SavedRoutingState(NodeId.random(random), List.of(
                new NodeContact(NodeId.random(random), new InetSocketAddress("1.2.3.4", 6881)),
                new NodeContact(NodeId.random(random), new InetSocketAddress("2001:4860::8888", 51413))));
        store.save(state);
        store.save(state);
        assertThat(store.load()).contains(state);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFileThatIsNotARoutingTableIsRefusedWithItsPath() throws Exception {
        Path file = temp.resolve("routing.dat");
        RoutingStateFile store = new RoutingStateFile(file);
        for (String content : List.of("garbage", "le", "d2:id3:abce", "d2:id20:aaaaaaaaaaaaaaaaaaaa5:nodes3:abc6:nodes60:e")) {
            Files.writeString(file, content);
            assertThatThrownBy(store::load).isInstanceOf(RoutingStateException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("delete it");
        }
        Files.write(file, new byte[100_000]);
        assertThatThrownBy(store::load).isInstanceOf(RoutingStateException.class).hasMessageContaining("100000 bytes");
    }
}
