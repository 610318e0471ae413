package io.swarmplace.ledger.hub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.hub.internal.wire.HubRequest;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;
import io.swarmplace.ledger.hub.internal.wire.WireJson;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.KeyPair;

/** A plain socket speaking the hub's framing, to send what a well-behaved client never would. */
final class RawHubConnection implements AutoCloseable {

    static final ObjectMapper JSON = WireJson.mapper();

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    RawHubConnection(InetSocketAddress hub) throws IOException {
        socket = new Socket(hub.getAddress(), hub.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** A frame body signed by {@code signer} but naming {@code claimedKey} as its key. */
    static byte[] signed(KeyPair signer, byte[] claimedKey, HubRequest request) throws IOException {
        byte[] payload = JSON.writeValueAsBytes(request);
        return frame(claimedKey, Ed25519.sign(signer.getPrivate(), claimedKey, payload), payload);
    }

    static byte[] signed(KeyPair signer, HubRequest request) throws IOException {
        return signed(signer, Ed25519.raw(signer.getPublic()), request);
    }

    static byte[] frame(byte[] key, byte[] signature, byte[] payload) {
        return ByteBuffer.allocate(SignedRequest.HEADER_BYTES + payload.length).put(SignedRequest.VERSION).put(key)
                .put(signature).put(payload).array();
    }

    static HubRequest request(long sequence, long timestamp, String operation, JsonNode arguments) {
        return new HubRequest(sequence, timestamp, operation, arguments);
    }

    HubResponse exchange(byte[] body) throws IOException {
        send(body);
        return read();
    }

    void send(byte[] body) throws IOException {
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    void sendLengthOnly(int length) throws IOException {
        out.writeInt(length);
        out.flush();
    }

    HubResponse read() throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return JSON.readValue(body, HubResponse.class);
    }

    /** True if the hub closed the connection (reading hits its end). */
    boolean closedByHub() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
