package io.swarmplace.torrent.internal.mse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.swarmplace.torrent.PeerEncryption;
import io.swarmplace.torrent.internal.wire.Handshake;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.Set;

/**
 * The receiving side (B) of MSE. First tells a plaintext BitTorrent handshake ("\x13BitTorrent
 * protocol") from an MSE one, and lets the policy decide; for MSE it answers Ya with Yb, finds the
 * synchronisation hash, the torrent by HASH('req2', SKEY), checks the verification constant, selects a
 * cipher from crypto_provide and passes the initial payload on as the start of the stream.
 */
final class IncomingMseHandler extends MseHandshakeHandler {

    private static final int PLAINTEXT_PROTOCOL_LENGTH = 20;

    private enum Stage { DETECT, AWAIT_PUBLIC_KEY, AWAIT_SYNC, AWAIT_TORRENT, AWAIT_PROVIDE, AWAIT_PADDING,
        AWAIT_INITIAL_PAYLOAD, DONE }

    private final TorrentKeys torrents;
    private Stage stage = Stage.DETECT;
    private byte[] secret;
    private byte[] syncHash;
    private Rc4Stream decrypt;
    private Rc4Stream encrypt;
    private Set<CryptoMethod> provided;
    private int paddingLength;
    private int initialPayloadLength = -1;

    IncomingMseHandler(EncryptionSettings settings, TorrentKeys torrents) {
        super(settings);
        this.torrents = torrents;
    }

    @Override
    void start(ChannelHandlerContext ctx) {
        // B speaks only after A: nothing to send yet.
    }

    @Override
    void advance(ChannelHandlerContext ctx) {
        boolean progressed = true;
        while (progressed) {
            progressed = switch (stage) {
                case DETECT -> detect(ctx);
                case AWAIT_PUBLIC_KEY -> answerPublicKey(ctx);
                case AWAIT_SYNC -> findSyncHash();
                case AWAIT_TORRENT -> findTorrent();
                case AWAIT_PROVIDE -> readProvide();
                case AWAIT_PADDING -> skipPadding();
                case AWAIT_INITIAL_PAYLOAD -> answer(ctx);
                case DONE -> false;
            };
        }
    }

    private boolean detect(ChannelHandlerContext ctx) {
        int available = Math.min(received.readableBytes(), PLAINTEXT_PROTOCOL_LENGTH);
        byte[] start = ByteBufUtil.getBytes(received, received.readerIndex(), available);
        int matching = Handshake.protocolPrefixMatches(start, available);
        if (matching == PLAINTEXT_PROTOCOL_LENGTH) {
            if (settings.incoming() == EncryptionPolicy.FORCED) {
                throw new MseException(MseException.Reason.REFUSED_BY_POLICY,
                        "the peer sent a plaintext BitTorrent handshake; this node requires MSE encryption");
            }
            stage = Stage.DONE;
            passThrough(ctx);
            return false;
        }
        if (matching == available) {
            return false;
        }
        if (settings.incoming() == EncryptionPolicy.DISABLED) {
            throw new MseException(MseException.Reason.REFUSED_BY_POLICY,
                    "the peer started an MSE (encrypted) handshake; this node has encryption disabled");
        }
        stage = Stage.AWAIT_PUBLIC_KEY;
        return true;
    }

    private boolean answerPublicKey(ChannelHandlerContext ctx) {
        if (received.readableBytes() < DiffieHellman.KEY_LENGTH) {
            return false;
        }
        byte[] peerKey = new byte[DiffieHellman.KEY_LENGTH];
        received.readBytes(peerKey);
        DiffieHellman keys = new DiffieHellman(settings.random());
        secret = keys.sharedSecret(peerKey);
        syncHash = MseHashes.req1(secret);
        byte[] padding = randomPadding();
        ByteBuf hello = ctx.alloc().buffer(DiffieHellman.KEY_LENGTH + padding.length);
        ctx.writeAndFlush(hello.writeBytes(keys.publicKey()).writeBytes(padding));
        stage = Stage.AWAIT_SYNC;
        return true;
    }

    private boolean findSyncHash() {
        if (!skipPast(syncHash, "HASH('req1', S) from the peer")) {
            return false;
        }
        stage = Stage.AWAIT_TORRENT;
        return true;
    }

    private boolean findTorrent() {
        if (received.readableBytes() < MseHashes.LENGTH) {
            return false;
        }
        byte[] obfuscated = new byte[MseHashes.LENGTH];
        received.readBytes(obfuscated);
        InfoHash infoHash = torrents.findByReq2(MseHashes.xor(obfuscated, MseHashes.req3(secret)))
                .orElseThrow(() -> new MseException(MseException.Reason.UNKNOWN_TORRENT,
                        "the peer asked (by HASH('req2', SKEY)) for a torrent this node does not serve"));
        decrypt = new Rc4Stream(MseHashes.keyA(secret, infoHash));
        encrypt = new Rc4Stream(MseHashes.keyB(secret, infoHash));
        stage = Stage.AWAIT_PROVIDE;
        return true;
    }

    private boolean readProvide() {
        int length = VC_LENGTH + Integer.BYTES + Short.BYTES;
        if (received.readableBytes() < length) {
            return false;
        }
        ByteBuf header = Unpooled.wrappedBuffer(readDecrypted(length, decrypt));
        if (header.readLong() != 0) {
            throw new MseException(MseException.Reason.BAD_VERIFICATION_CONSTANT,
                    "the peer's verification constant did not decrypt to zeros: it derived other keys");
        }
        provided = CryptoMethod.fromBits(header.readInt());
        paddingLength = checkPadding(header.readUnsignedShort(), "the peer's PadC");
        stage = Stage.AWAIT_PADDING;
        return true;
    }

    private boolean skipPadding() {
        if (received.readableBytes() < paddingLength + Short.BYTES) {
            return false;
        }
        readDecrypted(paddingLength, decrypt);
        byte[] length = readDecrypted(Short.BYTES, decrypt);
        initialPayloadLength = ((length[0] & 0xff) << 8) | (length[1] & 0xff);
        stage = Stage.AWAIT_INITIAL_PAYLOAD;
        return true;
    }

    private boolean answer(ChannelHandlerContext ctx) {
        if (received.readableBytes() < initialPayloadLength) {
            return false;
        }
        byte[] initialPayload = readDecrypted(initialPayloadLength, decrypt);
        CryptoMethod selected = settings.select(provided);
        if (selected == null) {
            throw new MseException(MseException.Reason.NO_COMMON_CIPHER, "the peer offers crypto methods 0x"
                    + Integer.toHexString(CryptoMethod.bits(provided)) + ", this node allows only 0x"
                    + Integer.toHexString(CryptoMethod.bits(settings.allowed())));
        }
        ByteBuf reply = Unpooled.buffer(VC_LENGTH + Integer.BYTES + Short.BYTES)
                .writeZero(VC_LENGTH)
                .writeInt(selected.bit())
                .writeShort(0); // len(PadD)
        ByteBuf encrypted = ctx.alloc().buffer(reply.readableBytes());
        encrypt.apply(reply, encrypted);
        ctx.writeAndFlush(encrypted);
        stage = Stage.DONE;
        complete(ctx, selected == CryptoMethod.RC4 ? PeerEncryption.RC4 : PeerEncryption.OBFUSCATED_HANDSHAKE,
                decrypt, encrypt, initialPayload);
        return false;
    }

    @Override
    String progress() {
        return "waiting for " + switch (stage) {
            case DETECT -> "the first bytes";
            case AWAIT_PUBLIC_KEY -> "the peer's public key";
            case AWAIT_SYNC -> "HASH('req1', S)";
            case AWAIT_TORRENT -> "the torrent's obfuscated key";
            case AWAIT_PROVIDE -> "the verification constant and crypto_provide";
            case AWAIT_PADDING -> "PadC";
            case AWAIT_INITIAL_PAYLOAD, DONE -> "the initial payload";
        } + ", " + receivedBytes() + " bytes buffered";
    }
}
