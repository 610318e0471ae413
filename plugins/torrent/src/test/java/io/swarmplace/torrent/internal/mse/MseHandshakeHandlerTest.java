package io.swarmplace.torrent.internal.mse;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swarmplace.torrent.PeerEncryption;
import io.swarmplace.torrent.internal.wire.LeakWatch;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MSE handshake between two of our own pipelines, and against hostile input. */
@ExtendWith(LeakWatch.class)
class MseHandshakeHandlerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final InfoHash SERVED = infoHash(1);
    private static final InfoHash OTHER = infoHash(2);
    private static final TorrentKeys KEYS = new TorrentKeys(() -> List.of(OTHER, SERVED));
    private static final byte[] GREETING = "\u0013BitTorrent protocol and the rest of a handshake"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] REPLY = "the receiving side's handshake".getBytes(StandardCharsets.ISO_8859_1);

    private static InfoHash infoHash(int seed) {
        byte[] bytes = new byte[20];
        new Random(seed).nextBytes(bytes);
        return new InfoHash(bytes);
    }

    private static EncryptionSettings settings(EncryptionPolicy policy, Set<CryptoMethod> allowed, boolean preferRc4) {
        return new EncryptionSettings(policy, policy, allowed, preferRc4, Duration.ofSeconds(10), RANDOM);
    }

    private static EncryptionSettings defaults() {
        return EncryptionSettings.defaults(Duration.ofSeconds(10), RANDOM);
    }

    private static MsePair pair(EncryptionSettings connecting, InfoHash asked, EncryptionSettings receiving) {
        return new MsePair(MseHandshakeHandler.outgoing(connecting, asked), GREETING,
                MseHandshakeHandler.incoming(receiving, KEYS), REPLY);
    }

    @Test
    void rc4IsNegotiatedAndCarriesTheStreamBothWays() {
        MsePair pair = pair(settings(EncryptionPolicy.FORCED, EnumSet.of(CryptoMethod.RC4), false), SERVED, defaults());
        try {
            assertThat(MsePair.encryption(pair.connecting)).isEqualTo(PeerEncryption.RC4);
            assertThat(MsePair.encryption(pair.receiving)).isEqualTo(PeerEncryption.RC4);
            assertThat(pair.receivingApp.received.toByteArray()).isEqualTo(GREETING);
            assertThat(pair.connectingApp.received.toByteArray()).isEqualTo(REPLY);
            assertThat(pair.connecting.pipeline().names()).contains(Rc4Handler.NAME).doesNotContain(MseHandshakeHandler.NAME);

            byte[] upload = randomBytes(200_000);
            byte[] download = randomBytes(150_000);
            pair.connecting.writeAndFlush(Unpooled.wrappedBuffer(upload));
            pair.receiving.writeAndFlush(Unpooled.wrappedBuffer(download));
            pair.shuttle();

            assertThat(pair.receivingApp.received.toByteArray()).isEqualTo(concat(GREETING, upload));
            assertThat(pair.connectingApp.received.toByteArray()).isEqualTo(concat(REPLY, download));
            assertThat(indexOf(pair.wireFromConnecting.toByteArray(), Arrays.copyOf(upload, 64)))
                    .as("the payload must not cross the wire in the clear").isNegative();
        } finally {
            pair.close();
        }
    }

    @Test
    void bothOfferedAndNoPreferenceSelectsPlaintextAfterTheObfuscatedHandshake() {
        MsePair pair = pair(defaults(), SERVED, defaults());
        try {
            assertThat(MsePair.encryption(pair.connecting)).isEqualTo(PeerEncryption.OBFUSCATED_HANDSHAKE);
            assertThat(MsePair.encryption(pair.receiving)).isEqualTo(PeerEncryption.OBFUSCATED_HANDSHAKE);
            assertThat(pair.receivingApp.received.toByteArray()).isEqualTo(GREETING);
            assertThat(pair.connectingApp.received.toByteArray()).isEqualTo(REPLY);
            assertThat(indexOf(pair.wireFromConnecting.toByteArray(), GREETING))
                    .as("the initial payload is encrypted even when the stream is not").isNegative();

            byte[] upload = randomBytes(50_000);
            pair.connecting.writeAndFlush(Unpooled.wrappedBuffer(upload));
            pair.shuttle();
            assertThat(pair.receivingApp.received.toByteArray()).isEqualTo(concat(GREETING, upload));
            assertThat(indexOf(pair.wireFromConnecting.toByteArray(), upload)).isNotNegative();
            assertThat(pair.connecting.pipeline().names()).doesNotContain(Rc4Handler.NAME, MseHandshakeHandler.NAME);
        } finally {
            pair.close();
        }
    }

    @Test
    void preferRc4ChoosesRc4WhenBothAreOffered() {
        MsePair pair = pair(defaults(), SERVED, settings(EncryptionPolicy.ENABLED, EnumSet.allOf(CryptoMethod.class), true));
        try {
            assertThat(MsePair.encryption(pair.connecting)).isEqualTo(PeerEncryption.RC4);
            assertThat(pair.receivingApp.received.toByteArray()).isEqualTo(GREETING);
        } finally {
            pair.close();
        }
    }

    @Test
    void noCommonCipherClosesWithAClearReason() {
        MsePair pair = pair(settings(EncryptionPolicy.FORCED, EnumSet.of(CryptoMethod.PLAINTEXT), false), SERVED,
                settings(EncryptionPolicy.FORCED, EnumSet.of(CryptoMethod.RC4), false));
        try {
            assertThat(MsePair.failure(pair.receiving)).isEqualTo(MseException.Reason.NO_COMMON_CIPHER);
            assertThat(pair.receivingApp.exceptions).singleElement().isInstanceOf(MseException.class);
            assertThat(pair.receiving.isActive()).isFalse();
            assertThat(pair.receivingApp.received.size()).isZero();
        } finally {
            pair.close();
        }
    }

    @Test
    void aTorrentWeDoNotServeIsRefusedByItsObfuscatedKey() {
        MsePair pair = pair(defaults(), infoHash(3), defaults());
        try {
            assertThat(MsePair.failure(pair.receiving)).isEqualTo(MseException.Reason.UNKNOWN_TORRENT);
            assertThat(pair.receivingApp.exceptions).singleElement().satisfies(e ->
                    assertThat(e).hasMessageContaining("does not serve"));
            assertThat(pair.receiving.isActive()).isFalse();
        } finally {
            pair.close();
        }
    }

    @Test
    void aPlaintextHandshakePassesWhenAllowedAndIsRefusedWhenEncryptionIsForced() {
        byte[] plaintext = concat(GREETING, randomBytes(40));
        EmbeddedChannel enabled = receiving(defaults());
        EmbeddedChannel forced = receiving(settings(EncryptionPolicy.FORCED, EnumSet.allOf(CryptoMethod.class), false));
        try {
            // one byte at a time: the decision waits for all 20 bytes of the protocol string
            for (byte b : plaintext) {
                enabled.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
            forced.writeInbound(Unpooled.wrappedBuffer(plaintext));

            assertThat(MsePair.encryption(enabled)).isEqualTo(PeerEncryption.NONE);
            assertThat(app(enabled).received.toByteArray()).isEqualTo(plaintext);
            assertThat(enabled.pipeline().names()).doesNotContain(MseHandshakeHandler.NAME);
            assertThat(MsePair.failure(forced)).isEqualTo(MseException.Reason.REFUSED_BY_POLICY);
            assertThat(forced.isActive()).isFalse();
        } finally {
            enabled.finishAndReleaseAll();
            forced.finishAndReleaseAll();
        }
    }

    @Test
    void anMseHandshakeIsRefusedWhenEncryptionIsDisabled() {
        EmbeddedChannel disabled = receiving(settings(EncryptionPolicy.DISABLED, EnumSet.allOf(CryptoMethod.class), false));
        try {
            disabled.writeInbound(Unpooled.wrappedBuffer(new DiffieHellman(RANDOM).publicKey()));
            assertThat(MsePair.failure(disabled)).isEqualTo(MseException.Reason.REFUSED_BY_POLICY);
            assertThat(disabled.isActive()).isFalse();
        } finally {
            disabled.finishAndReleaseAll();
        }
    }

    @Test
    void garbageWithoutTheSyncHashIsDroppedAfterThePaddingLimit() {
        EmbeddedChannel channel = receiving(defaults());
        MsePair.App app = app(channel);
        try {
            byte[] garbage = randomBytes(DiffieHellman.KEY_LENGTH + MseHandshakeHandler.MAX_PADDING + MseHashes.LENGTH - 1);
            garbage[0] = 0x42; // not the start of a plaintext handshake
            channel.writeInbound(Unpooled.wrappedBuffer(garbage));
            assertThat(channel.isActive()).as("may still be padding").isTrue();
            channel.writeInbound(Unpooled.wrappedBuffer(randomBytes(1)));
            assertThat(MsePair.failure(channel)).isEqualTo(MseException.Reason.NO_SYNC_MARKER);
            assertThat(channel.isActive()).isFalse();
            assertThat(app.received.size()).isZero();
            assertThat(app.exceptions).singleElement().isInstanceOf(MseException.class);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aWrongVerificationConstantIsRefused() {
        HostileInitiator hostile = new HostileInitiator(receiving(defaults()));
        try {
            hostile.sendRequest(SERVED, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, 0x02, 0);
            assertThat(MsePair.failure(hostile.channel)).isEqualTo(MseException.Reason.BAD_VERIFICATION_CONSTANT);
            assertThat(hostile.channel.isActive()).isFalse();
        } finally {
            hostile.channel.finishAndReleaseAll();
        }
    }

    @Test
    void paddingLongerThanTheSpecAllowsIsRefused() {
        HostileInitiator hostile = new HostileInitiator(receiving(defaults()));
        try {
            hostile.sendRequest(SERVED, new byte[MseHandshakeHandler.VC_LENGTH], 0x02, MseHandshakeHandler.MAX_PADDING + 1);
            assertThat(MsePair.failure(hostile.channel)).isEqualTo(MseException.Reason.PADDING_TOO_LONG);
            assertThat(hostile.channel.isActive()).isFalse();
        } finally {
            hostile.channel.finishAndReleaseAll();
        }
    }

    @Test
    void aReceiverThatNeverSendsTheVerificationConstantIsDroppedAfterThePaddingLimit() {
        EmbeddedChannel channel = channel(MseHandshakeHandler.outgoing(defaults(), SERVED));
        try {
            releaseAll(channel);
            channel.writeInbound(Unpooled.wrappedBuffer(new DiffieHellman(RANDOM).publicKey()));
            releaseAll(channel);
            channel.writeInbound(Unpooled.wrappedBuffer(randomBytes(MseHandshakeHandler.MAX_PADDING + MseHandshakeHandler.VC_LENGTH)));
            assertThat(MsePair.failure(channel)).isEqualTo(MseException.Reason.NO_SYNC_MARKER);
            assertThat(channel.isActive()).isFalse();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aPublicKeyThatWouldMakeTheSecretGuessableIsRefused() {
        EmbeddedChannel channel = channel(MseHandshakeHandler.outgoing(defaults(), SERVED));
        try {
            byte[] one = new byte[DiffieHellman.KEY_LENGTH];
            one[DiffieHellman.KEY_LENGTH - 1] = 1;
            channel.writeInbound(Unpooled.wrappedBuffer(one));
            assertThat(MsePair.failure(channel)).isEqualTo(MseException.Reason.BAD_PUBLIC_KEY);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aPeerThatStopsMidwayIsDroppedAtTheTimeout() {
        EmbeddedChannel channel = receiving(defaults());
        MsePair.App app = app(channel);
        try {
            channel.freezeTime();
            channel.writeInbound(Unpooled.wrappedBuffer(new DiffieHellman(RANDOM).publicKey()));
            channel.advanceTimeBy(9, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            assertThat(channel.isActive()).as("within the 10 s allowed").isTrue();
            channel.advanceTimeBy(2, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            assertThat(MsePair.failure(channel)).isEqualTo(MseException.Reason.TIMEOUT);
            assertThat(app.exceptions).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("HASH('req1', S)"));
            assertThat(channel.isActive()).isFalse();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void thePeerClosingMidwayIsReportedAsClosed() {
        MsePair pair = new MsePair(MseHandshakeHandler.outgoing(defaults(), SERVED), GREETING,
                MseHandshakeHandler.incoming(defaults(), KEYS), REPLY);
        pair.close();
        EmbeddedChannel channel = channel(MseHandshakeHandler.outgoing(defaults(), SERVED));
        channel.close();
        assertThat(MsePair.failure(channel)).isEqualTo(MseException.Reason.CLOSED);
        channel.finishAndReleaseAll();
    }

    /** Speaks the connecting side's part by hand, to send what our own handler never would. */
    private static final class HostileInitiator {

        final EmbeddedChannel channel;
        private final DiffieHellman keys = new DiffieHellman(RANDOM);

        HostileInitiator(EmbeddedChannel channel) {
            this.channel = channel;
        }

        void sendRequest(InfoHash infoHash, byte[] verificationConstant, int provide, int padCLength) {
            channel.writeInbound(Unpooled.wrappedBuffer(keys.publicKey()));
            ByteBuf answer = channel.readOutbound();
            byte[] peerKey = ByteBufUtil.getBytes(answer, 0, DiffieHellman.KEY_LENGTH);
            answer.release();
            byte[] secret = keys.sharedSecret(peerKey);
            Rc4Stream encrypt = new Rc4Stream(MseHashes.keyA(secret, infoHash));
            ByteBuf plain = Unpooled.buffer()
                    .writeBytes(verificationConstant)
                    .writeInt(provide)
                    .writeShort(padCLength)
                    .writeZero(Math.min(padCLength, 600))
                    .writeShort(0);
            byte[] encrypted = encrypt.apply(ByteBufUtil.getBytes(plain));
            plain.release();
            channel.writeInbound(Unpooled.wrappedBuffer(
                    MseHashes.req1(secret),
                    MseHashes.xor(MseHashes.req2(infoHash), MseHashes.req3(secret)),
                    encrypted));
        }
    }

    private static EmbeddedChannel receiving(EncryptionSettings settings) {
        return channel(MseHandshakeHandler.incoming(settings, KEYS));
    }

    /** The handler with an {@link MsePair.App} behind it that records what passes and what fails. */
    private static EmbeddedChannel channel(MseHandshakeHandler handler) {
        return new EmbeddedChannel(handler, new MsePair.App(null, null));
    }

    private static MsePair.App app(EmbeddedChannel channel) {
        return channel.pipeline().get(MsePair.App.class);
    }

    private static void releaseAll(EmbeddedChannel channel) {
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ((ByteBuf) out).release();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
