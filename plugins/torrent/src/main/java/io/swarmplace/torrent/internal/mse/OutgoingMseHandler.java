package io.swarmplace.torrent.internal.mse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.swarmplace.torrent.PeerEncryption;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.Set;

/**
 * The connecting side (A) of MSE: sends Ya and padding; on Yb sends the synchronisation hash, the
 * torrent's obfuscated key, crypto_provide and the held-back BitTorrent handshake as initial payload;
 * then finds B's encrypted verification constant and reads crypto_select.
 */
final class OutgoingMseHandler extends MseHandshakeHandler {

    /** Room for the BitTorrent handshake and a BEP 10 handshake written right after it. */
    private static final int MAX_INITIAL_PAYLOAD = 65_535;

    private enum Stage { AWAIT_PUBLIC_KEY, AWAIT_VERIFICATION_CONSTANT, AWAIT_SELECT, AWAIT_PADDING, DONE }

    private final InfoHash infoHash;
    private Stage stage = Stage.AWAIT_PUBLIC_KEY;
    private DiffieHellman keys;
    private Rc4Stream decrypt;
    private Rc4Stream encrypt;
    private byte[] encryptedVerificationConstant;
    private CryptoMethod selected;
    private int paddingLength;

    OutgoingMseHandler(EncryptionSettings settings, InfoHash infoHash) {
        super(settings);
        this.infoHash = infoHash;
    }

    @Override
    void start(ChannelHandlerContext ctx) {
        keys = new DiffieHellman(settings.random());
        byte[] padding = randomPadding();
        ByteBuf hello = ctx.alloc().buffer(DiffieHellman.KEY_LENGTH + padding.length);
        ctx.writeAndFlush(hello.writeBytes(keys.publicKey()).writeBytes(padding));
    }

    @Override
    void advance(ChannelHandlerContext ctx) {
        boolean progressed = true;
        while (progressed) {
            progressed = switch (stage) {
                case AWAIT_PUBLIC_KEY -> answerPublicKey(ctx);
                case AWAIT_VERIFICATION_CONSTANT -> findVerificationConstant();
                case AWAIT_SELECT -> readSelect();
                case AWAIT_PADDING -> skipPadding(ctx);
                case DONE -> false;
            };
        }
    }

    private boolean answerPublicKey(ChannelHandlerContext ctx) {
        if (received.readableBytes() < DiffieHellman.KEY_LENGTH) {
            return false;
        }
        byte[] peerKey = new byte[DiffieHellman.KEY_LENGTH];
        received.readBytes(peerKey);
        byte[] secret = keys.sharedSecret(peerKey);
        encrypt = new Rc4Stream(MseHashes.keyA(secret, infoHash));
        decrypt = new Rc4Stream(MseHashes.keyB(secret, infoHash));
        encryptedVerificationConstant = decrypt.apply(new byte[VC_LENGTH]);

        byte[] initialPayload = takePendingBytes(MAX_INITIAL_PAYLOAD);
        ByteBuf encrypted = Unpooled.buffer(VC_LENGTH + Integer.BYTES + 2 * Short.BYTES + initialPayload.length);
        encrypted.writeZero(VC_LENGTH);
        encrypted.writeInt(CryptoMethod.bits(settings.allowed()));
        encrypted.writeShort(0); // len(PadC): PadA already hides the message lengths
        encrypted.writeShort(initialPayload.length);
        encrypted.writeBytes(initialPayload);
        ByteBuf message = ctx.alloc().buffer(2 * MseHashes.LENGTH + encrypted.readableBytes());
        message.writeBytes(MseHashes.req1(secret));
        message.writeBytes(MseHashes.xor(MseHashes.req2(infoHash), MseHashes.req3(secret)));
        encrypt.apply(encrypted, message);
        encrypted.release();
        ctx.writeAndFlush(message);
        stage = Stage.AWAIT_VERIFICATION_CONSTANT;
        return true;
    }

    private boolean findVerificationConstant() {
        if (!skipPast(encryptedVerificationConstant, "encrypted verification constant from the peer")) {
            return false;
        }
        stage = Stage.AWAIT_SELECT;
        return true;
    }

    private boolean readSelect() {
        if (received.readableBytes() < Integer.BYTES + Short.BYTES) {
            return false;
        }
        byte[] header = readDecrypted(Integer.BYTES + Short.BYTES, decrypt);
        int bits = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        Set<CryptoMethod> chosen = CryptoMethod.fromBits(bits);
        if (chosen.size() != 1 || !settings.allowed().containsAll(chosen)) {
            throw new MseException(MseException.Reason.NO_COMMON_CIPHER, "the peer selected crypto method 0x"
                    + Integer.toHexString(bits) + ", not one of those we offered (0x"
                    + Integer.toHexString(CryptoMethod.bits(settings.allowed())) + ")");
        }
        selected = chosen.iterator().next();
        paddingLength = checkPadding(((header[4] & 0xff) << 8) | (header[5] & 0xff), "the peer's PadD");
        stage = Stage.AWAIT_PADDING;
        return true;
    }

    private boolean skipPadding(ChannelHandlerContext ctx) {
        if (received.readableBytes() < paddingLength) {
            return false;
        }
        readDecrypted(paddingLength, decrypt);
        stage = Stage.DONE;
        complete(ctx, selected == CryptoMethod.RC4 ? PeerEncryption.RC4 : PeerEncryption.OBFUSCATED_HANDSHAKE,
                decrypt, encrypt, new byte[0]);
        return true;
    }

    @Override
    String progress() {
        return "waiting for " + switch (stage) {
            case AWAIT_PUBLIC_KEY -> "the peer's public key";
            case AWAIT_VERIFICATION_CONSTANT -> "the peer's verification constant";
            case AWAIT_SELECT -> "the peer's crypto_select";
            case AWAIT_PADDING, DONE -> "the peer's PadD";
        } + ", " + receivedBytes() + " bytes buffered";
    }
}
