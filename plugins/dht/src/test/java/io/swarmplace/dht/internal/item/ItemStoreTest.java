package io.swarmplace.dht.internal.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.routing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class ItemStoreTest {

    private static final byte[] SALT = "profile".getBytes(StandardCharsets.US_ASCII);
    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final ManualClock clock = new ManualClock();
    private final ItemStore store = new ItemStore(3, Duration.ofHours(2), clock);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    public static ItemPayload signed(KeyPair signer, byte[] salt, long seq, String text) {
        byte[] value = bencoded(text);
        byte[] signature = Ed25519Keys.sign(signer, ItemRules.signedBytes(salt, seq, value));
        return new ItemPayload(value, Optional.of(new ItemPayload.Signed(Ed25519Keys.rawPublicKey(signer.getPublic()), seq,
                signature)));
    }

    public static byte[] bencoded(String text) {
        return ItemValues.bencodedString(text);
    }

    @Test
    void anImmutableItemIsStoredUnderTheHashOfItsValue() {
        ItemPayload item = new ItemPayload(bencoded("Hello World!"), Optional.empty());
        assertThat(store.put(item, new byte[0], OptionalLong.empty())).isEmpty();
        // BEP 44's test vector: SHA-1 of "12:Hello World!".
        assertThat(ItemRules.immutableTarget(item.value()).hex()).isEqualTo("e5f96f6f38320f0f33959cb4d3d656452117aadb");
        assertThat(store.get(ItemRules.immutableTarget(item.value()), OptionalLong.empty())).isPresent();
    }

    @Test
    void theSignedBufferIsLaidOutAsBep44Says() {
        assertThat(new String(ItemRules.signedBytes("foobar".getBytes(StandardCharsets.US_ASCII), 1, bencoded("Hello World!")),
                StandardCharsets.US_ASCII)).isEqualTo("4:salt6:foobar3:seqi1e1:v12:Hello World!");
        assertThat(new String(ItemRules.signedBytes(new byte[0], 1, bencoded("Hello World!")), StandardCharsets.US_ASCII))
                .isEqualTo("3:seqi1e1:v12:Hello World!");
    }

    @Test
    void aRawPublicKeyRoundTripsThroughTheJdk() throws Exception {
        byte[] raw = Ed25519Keys.rawPublicKey(keys.getPublic());
        assertThat(Ed25519Keys.rawPublicKey(Ed25519Keys.publicKey(raw))).isEqualTo(raw);
    }

    @Test
    void aSeedGivesTheRfc8032KeyPair() {
        // RFC 8032 section 7.1, test 1.
        java.util.HexFormat hex = java.util.HexFormat.of();
        KeyPair fromSeed = Ed25519Keys.fromSeed(hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(hex.formatHex(Ed25519Keys.rawPublicKey(fromSeed.getPublic())))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(hex.formatHex(Ed25519Keys.sign(fromSeed, new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a"
                + "84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void aMutableItemIsReplacedOnlyByAHigherSeq() {
        assertThat(store.put(signed(keys, SALT, 5, "five"), SALT, OptionalLong.empty())).isEmpty();
        assertThat(store.put(signed(keys, SALT, 4, "four"), SALT, OptionalLong.empty()))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.code()).isEqualTo(ItemStore.SEQ_TOO_LOW);
                    assertThat(refused.dropReason()).contains(DropReason.OLD_SEQUENCE);
                });
        assertThat(store.put(signed(keys, SALT, 5, "other five"), SALT, OptionalLong.empty()))
                .hasValueSatisfying(refused -> assertThat(refused.code()).isEqualTo(ItemStore.SEQ_TOO_LOW));
        assertThat(store.put(signed(keys, SALT, 5, "five"), SALT, OptionalLong.empty())).as("the same item again").isEmpty();
        assertThat(store.put(signed(keys, SALT, 6, "six"), SALT, OptionalLong.empty())).isEmpty();

        ItemPayload stored = store.get(ItemRules.mutableTarget(Ed25519Keys.rawPublicKey(keys.getPublic()), SALT),
                OptionalLong.empty()).orElseThrow();
        assertThat(stored.signed().orElseThrow().seq()).isEqualTo(6);
        assertThat(stored.value()).isEqualTo(bencoded("six"));
        assertThat(store.get(ItemRules.mutableTarget(Ed25519Keys.rawPublicKey(keys.getPublic()), SALT), OptionalLong.of(6)))
                .as("a reader that has seq 6 already").isEmpty();
    }

    @Test
    void compareAndSwapNeedsTheStoredSeq() {
        store.put(signed(keys, SALT, 1, "one"), SALT, OptionalLong.empty());
        assertThat(store.put(signed(keys, SALT, 2, "two"), SALT, OptionalLong.of(0)))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.code()).isEqualTo(ItemStore.CAS_MISMATCH);
                    assertThat(refused.dropReason()).contains(DropReason.CAS_MISMATCH);
                });
        assertThat(store.put(signed(keys, SALT, 2, "two"), SALT, OptionalLong.of(1))).isEmpty();
    }

    @Test
    void forgedSignaturesAreRefusedAndChangeNothing() {
        store.put(signed(keys, SALT, 1, "mine"), SALT, OptionalLong.empty());
        ItemPayload genuine = signed(keys, SALT, 2, "mine, newer");
        ItemPayload.Signed signedPart = genuine.signed().orElseThrow();
        // Another key's signature over the same bytes, claiming to be ours.
        ItemPayload forged = new ItemPayload(genuine.value(), Optional.of(new ItemPayload.Signed(signedPart.publicKey(), 2,
                signed(otherKeys, SALT, 2, "mine, newer").signed().orElseThrow().signature())));
        // A genuine signature over another value.
        ItemPayload swapped = new ItemPayload(bencoded("theirs"), genuine.signed());
        // A signature made for another salt.
        ItemPayload wrongSalt = signed(keys, new byte[0], 3, "mine");
        for (ItemPayload bad : new ItemPayload[] {forged, swapped, wrongSalt}) {
            assertThat(store.put(bad, SALT, OptionalLong.empty())).hasValueSatisfying(refused -> {
                assertThat(refused.code()).isEqualTo(ItemStore.INVALID_SIGNATURE);
                assertThat(refused.dropReason()).contains(DropReason.INVALID_SIGNATURE);
            });
        }
        ItemPayload garbageKey = new ItemPayload(bencoded("x"), Optional.of(new ItemPayload.Signed(new byte[32], 1,
                new byte[64])));
        assertThat(store.put(garbageKey, new byte[0], OptionalLong.empty())).isPresent();
        assertThat(store.get(ItemRules.mutableTarget(signedPart.publicKey(), SALT), OptionalLong.empty()).orElseThrow()
                .value()).isEqualTo(bencoded("mine"));
    }

    @Test
    void oversizedValuesAndSaltsAreRefused() {
        byte[] big = new byte[1001];
        Arrays.fill(big, (byte) 'a');
        String text = new String(big, 0, 997, StandardCharsets.US_ASCII);
        assertThat(store.put(new ItemPayload(bencoded(text), Optional.empty()), new byte[0], OptionalLong.empty()))
                .hasValueSatisfying(refused -> assertThat(refused.code()).isEqualTo(ItemStore.VALUE_TOO_BIG));
        byte[] longSalt = new byte[65];
        assertThat(store.put(signed(keys, longSalt, 1, "x"), longSalt, OptionalLong.empty()))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.code()).isEqualTo(ItemStore.SALT_TOO_BIG);
                    assertThat(refused.dropReason()).contains(DropReason.OVERSIZED_ITEM);
                });
        assertThat(store.size()).isZero();
    }

    @Test
    void theStoreIsBoundedAndItemsExpire() {
        for (int i = 0; i < 3; i++) {
            assertThat(store.put(new ItemPayload(bencoded("item " + i), Optional.empty()), new byte[0], OptionalLong.empty()))
                    .isEmpty();
        }
        assertThat(store.put(new ItemPayload(bencoded("one too many"), Optional.empty()), new byte[0], OptionalLong.empty()))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.code()).isEqualTo(ItemStore.STORE_FULL);
                    assertThat(refused.dropReason()).contains(DropReason.STORE_FULL);
                });
        clock.advance(Duration.ofHours(2));
        assertThat(store.put(new ItemPayload(bencoded("one too many"), Optional.empty()), new byte[0], OptionalLong.empty()))
                .as("room again once the others expired").isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }
}
