package io.swarmplace.ledger.hub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.hub.internal.wire.HubRequest;
import io.swarmplace.ledger.hub.internal.wire.WireJson;
import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire's encodings: what the client writes by hand is what the hub reads, and signatures bind every byte. */
class WireFormatTest {

    private final ObjectMapper json = WireJson.mapper();

    @Test
    void theClientsPayloadReadsBackAsTheRequest() throws Exception {
        Transfer transfer = Transfer.of(Id128.random(), Id128.random(), Id128.random(), Asset.BTT,
                BigInteger.TWO.pow(127), 9);
        var arguments = json.createObjectNode().set("transfers", json.valueToTree(List.of(transfer)));
        byte[] payload = HubRequest.payload(42, 1_700_000_000_000L, "CREATE_TRANSFERS", json.writeValueAsBytes(arguments));

        HubRequest read = json.readValue(payload, HubRequest.class);
        // (compared as parsed: a tree built from objects holds longs where a parsed one holds ints)
        assertThat(read).isEqualTo(new HubRequest(42, 1_700_000_000_000L, "CREATE_TRANSFERS",
                json.readTree(json.writeValueAsBytes(arguments))));
        assertThat(json.treeToValue(read.arguments().get("transfers").get(0), Transfer.class)).isEqualTo(transfer);
        assertThat(new String(payload)).contains("\"amount\":\"" + BigInteger.TWO.pow(127) + "\"");
    }

    @Test
    void aSignatureCoversTheKeyAndEveryPayloadByte() {
        KeyPair key = HubFixture.newKey();
        KeyPair other = HubFixture.newKey();
        byte[] raw = Ed25519.raw(key.getPublic());
        byte[] payload = "{\"sequence\":1}".getBytes();
        byte[] signature = Ed25519.sign(key.getPrivate(), raw, payload);

        assertThat(Ed25519.verify(raw, payload, signature)).isTrue();
        byte[] changed = payload.clone();
        changed[changed.length - 2] = '2';
        assertThat(Ed25519.verify(raw, changed, signature)).isFalse();
        assertThat(Ed25519.verify(Ed25519.raw(other.getPublic()), payload, signature)).isFalse();
        assertThat(Ed25519.verify(new byte[31], payload, signature)).isFalse();
    }
}
