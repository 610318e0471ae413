package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetadataExchangeTest {

    private final Random random = new Random(909);
    private final WireStatistics statistics = new WireStatistics();

    @Test
    void messagesRoundTrip() {
        byte[] piece = Fixtures.randomBytes(random, 1000);
        for (MetadataMessage message : List.of(new MetadataMessage.Request(2), new MetadataMessage.Reject(7),
                new MetadataMessage.Data(1, 17_384, piece))) {
            assertThat(MetadataMessage.decode(message.encode(), statistics)).hasValue(message);
        }
    }

    @Test
    void dataIsTheBytesAfterTheDictionary() {
        byte[] payload = "d8:msg_typei1e5:piecei0e10:total_sizei5ee".getBytes(StandardCharsets.US_ASCII);
        byte[] withData = Fixtures.concat(payload, "d1:xe".getBytes(StandardCharsets.US_ASCII));

        MetadataMessage.Data data = (MetadataMessage.Data) MetadataMessage.decode(withData, statistics).orElseThrow();

        assertThat(new String(data.data(), StandardCharsets.US_ASCII)).isEqualTo("d1:xe");
        assertThat(data.totalSize()).isEqualTo(5);
    }

    @Test
    void anUnknownMessageTypeIsIgnoredAndCounted() {
        Optional<MetadataMessage> message = MetadataMessage.decode(
                "d8:msg_typei7e5:piecei0ee".getBytes(StandardCharsets.US_ASCII), statistics);

        assertThat(message).isEmpty();
        assertThat(statistics.unknownMetadataMessages()).isEqualTo(1);
    }

    @Test
    void malformedMessagesNameWhatIsWrong() {
        assertMalformed("d5:piecei0ee", "ut_metadata message without \"msg_type\"");
        assertMalformed("d8:msg_typei0ee", "ut_metadata message without \"piece\"");
        assertMalformed("d8:msg_typei0e5:piecei-1ee", "ut_metadata message: \"piece\" is -1, outside 0..2147483647");
        assertMalformed("d8:msg_typei1e5:piecei0ee", "ut_metadata message: data without \"total_size\"");
        assertMalformed("d8:msg_typei0e5:piecei0eexyz", "ut_metadata message: request has 3 bytes after its dictionary");
        assertMalformed("i1e", "ut_metadata message must be a dictionary, got a integer");
        byte[] tooMuch = Fixtures.concat("d8:msg_typei1e5:piecei0e10:total_sizei99999ee".getBytes(StandardCharsets.US_ASCII),
                new byte[MetadataPieces.PIECE_SIZE + 1]);
        assertThatThrownBy(() -> MetadataMessage.decode(tooMuch, statistics)).isInstanceOf(PeerProtocolException.class)
                .hasMessage("ut_metadata message: data piece 0 carries 16385 bytes, more than 16384");
    }

    @Test
    void infoBytesSplitAndAssembleBackAndHashToTheInfoHash() {
        byte[] info = Fixtures.randomBytes(random, 3 * MetadataPieces.PIECE_SIZE + 123);
        InfoHash infoHash = InfoHash.ofInfoBytes(info);
        List<MetadataMessage.Data> pieces = MetadataPieces.split(info);
        MetadataAssembler assembler = new MetadataAssembler(infoHash, info.length, MetadataPieces.DEFAULT_MAX_METADATA_SIZE);

        assertThat(pieces).hasSize(4);
        assertThat(pieces.get(3).data()).hasSize(123);
        assertThat(assembler.accept(pieces.get(2))).isFalse();
        assertThat(assembler.nextMissingPiece()).hasValue(0);
        assertThat(assembler.accept(pieces.get(0))).isFalse();
        assertThat(assembler.accept(pieces.get(3))).isFalse();
        assertThat(assembler.missingPieces()).containsExactly(1);
        assertThat(assembler.accept(pieces.get(1))).isTrue();
        assertThat(assembler.assembleAndVerify()).isEqualTo(info);
    }

    @Test
    void piecesFromAnotherTorrentFailTheHashCheck() {
        byte[] info = Fixtures.randomBytes(random, 5000);
        MetadataAssembler assembler = new MetadataAssembler(Fixtures.INFO_HASH, info.length, MetadataPieces.DEFAULT_MAX_METADATA_SIZE);
        assembler.accept(MetadataPieces.split(info).get(0));

        assertThatThrownBy(assembler::assembleAndVerify).isInstanceOf(MetadataHashMismatchException.class)
                .hasMessageContaining("not to the info-hash " + Fixtures.INFO_HASH.hex());
    }

    @Test
    void metadataSizeLiesAreRefusedBeforeAnythingIsKept() {
        int max = MetadataPieces.DEFAULT_MAX_METADATA_SIZE;
        assertThatThrownBy(() -> new MetadataAssembler(Fixtures.INFO_HASH, 0, max)).isInstanceOf(PeerProtocolException.class)
                .hasMessage("peer announced metadata_size 0, which cannot hold an info dictionary");
        assertThatThrownBy(() -> new MetadataAssembler(Fixtures.INFO_HASH, 1L << 40, max)).isInstanceOf(PeerProtocolException.class)
                .hasMessage("metadata_size of 1099511627776 bytes exceeds limit 8388608");
        MetadataAssembler assembler = new MetadataAssembler(Fixtures.INFO_HASH, 20_000, max);
        assertThatThrownBy(() -> assembler.accept(new MetadataMessage.Data(0, 30_000, new byte[16384])))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("metadata piece 0 says total_size 30000, but the peer announced metadata_size 20000");
        assertThatThrownBy(() -> assembler.accept(new MetadataMessage.Data(2, 20_000, new byte[10])))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("metadata piece 2 is beyond the last piece 1 of 20000 bytes");
        assertThatThrownBy(() -> assembler.accept(new MetadataMessage.Data(1, 20_000, new byte[3617])))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("metadata piece 1 has 3617 bytes, expected 3616");
        assertThatThrownBy(() -> assembler.accept(new MetadataMessage.Data(0, 20_000, new byte[100])))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("metadata piece 0 has 100 bytes, expected 16384");
        assertThat(assembler.missingPieces()).containsExactly(0, 1);
    }

    @Test
    void randomPayloadsAreMessagesIgnoredOnesOrProtocolErrors() {
        byte[] valid = new MetadataMessage.Data(0, 300, Fixtures.randomBytes(random, 300)).encode();
        for (int i = 0; i < 5_000; i++) {
            byte[] input = i % 2 == 0 ? Fixtures.randomBytes(random, random.nextInt(80)) : ExtensionHandshakeTest.mutate(valid, random);
            try {
                MetadataMessage.decode(input, statistics);
            } catch (PeerProtocolException expected) {
                assertThat(expected.getMessage()).startsWith("ut_metadata message");
            }
        }
    }

    private void assertMalformed(String payload, String message) {
        assertThatThrownBy(() -> MetadataMessage.decode(payload.getBytes(StandardCharsets.US_ASCII), statistics))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage(message);
    }
}
