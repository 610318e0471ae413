package io.swarmplace.torrent.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MagnetLinkTest {

    private static final String HEX = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
    private static final InfoHash HASH = InfoHash.fromHex(HEX);

    @Test
    void parsesAHexInfoHashInEitherCase() {
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:" + HEX).infoHash()).isEqualTo(HASH);
        MagnetLink upper = MagnetLink.parse("MAGNET:?XT=URN:BTIH:" + HEX.toUpperCase(Locale.ROOT));
        assertThat(upper.infoHash()).isEqualTo(HASH);
        assertThat(upper.displayName()).isEmpty();
        assertThat(upper.trackers()).isEmpty();
        assertThat(upper.peers()).isEmpty();
    }

    @Test
    void parsesABase32InfoHash() {
        String base32 = base32(HASH.bytes());
        assertThat(base32).hasSize(32);
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:" + base32).infoHash()).isEqualTo(HASH);
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:" + base32.toLowerCase(Locale.ROOT)).infoHash()).isEqualTo(HASH);
    }

    @Test
    void collectsEveryTrackerOnceInOrderIncludingNumberedOnesAndSkipsUnusableOnes() {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX
                + "&tr=http%3A%2F%2Fa.example%2Fannounce"
                + "&tr=udp://b.example:6969"
                + "&tr.1=https%3A%2F%2Fc.example%2Fannounce%3Fpasskey%3Dabc%26x%3D1"
                + "&tr=ftp%3A%2F%2Fnope.example%2F"
                + "&tr=not%20a%20url"
                + "&tr=http%3A%2F%2Fa.example%2Fannounce");
        assertThat(link.trackers()).containsExactly(
                URI.create("http://a.example/announce"),
                URI.create("udp://b.example:6969"),
                URI.create("https://c.example/announce?passkey=abc&x=1"));
    }

    @Test
    void decodesDisplayNamesWithSpacesPlusSignsAndUtf8() {
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=Big%20Buck+Bunny").displayName())
                .contains("Big Buck Bunny");
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=%C3%9Cbung%20%E6%97%A5%E6%9C%AC%20%F0%9F%8E%B5").displayName())
                .contains("Übung 日本 🎵");
        assertThat(MagnetLink.parse("magnet:?dn=Ünïcødé 日本&xt=urn:btih:" + HEX).displayName()).contains("Ünïcødé 日本");
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=first&dn=second").displayName()).contains("first");
    }

    @Test
    void parsesPeerAddressesWithoutResolvingNames() throws Exception {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX
                + "&x.pe=127.0.0.1:6881&x.pe=%5B%3A%3A1%5D%3A51413&x.pe=peer.example.org:80"
                + "&x.pe=300.1.1.1:80&x.pe=1.2.3.4&x.pe=1.2.3.4:0&x.pe=1.2.3.4:65536&x.pe=[zz::1]:5&x.pe=bad_host!:5"
                + "&x.pe=%5B%3A%3A1%5D%3A51413");
        assertThat(link.peers()).containsExactly(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 6881),
                new InetSocketAddress(InetAddress.getByName("::1"), 51413),
                InetSocketAddress.createUnresolved("peer.example.org", 80));
        assertThat(link.peers().get(2).isUnresolved()).isTrue();
    }

    @Test
    void ignoresUnknownParametersEmptyPartsAndFragments() {
        MagnetLink link = MagnetLink.parse("  magnet:?&&xl=1234&as=http%3A%2F%2Fx%2F&kt=a+b&xt=urn:sha1:ABC&xt=urn:btih:"
                + HEX + "&ws=http%3A%2F%2Fw%2F&=&novalue#fragment&tr=http://x.example/  ");
        assertThat(link.infoHash()).isEqualTo(HASH);
        assertThat(link.trackers()).isEmpty();
    }

    @Test
    void refusesLinksWithoutAUsableInfoHash() {
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?dn=x&tr=http%3A%2F%2Fa%2F"))
                .isExactlyInstanceOf(MagnetException.class)
                .hasMessage("the magnet link has no info-hash (expected a parameter xt=urn:btih:<40 hex digits>)");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btmh:1220" + HEX + HEX.substring(0, 24)))
                .isExactlyInstanceOf(MagnetException.class)
                .hasMessage("the magnet link has only a BitTorrent v2 info-hash (xt=urn:btmh:), which is not supported");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX.substring(1)))
                .isExactlyInstanceOf(MagnetException.class)
                .hasMessage("bad info-hash \"" + HEX.substring(1)
                        + "\" in xt=urn:btih: (it has 39 characters): expected 40 hex digits or 32 base32 characters");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX.substring(1) + "g"))
                .hasMessageContaining("(it is not hex)");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + "1".repeat(32)))
                .hasMessageContaining("(it is not base32)");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&xt=urn:btih:" + "0".repeat(40)))
                .isExactlyInstanceOf(MagnetException.class)
                .hasMessage("the magnet link names two different info-hashes, " + HEX + " and " + "0".repeat(40));
    }

    @Test
    void refusesOtherSchemesAndMalformedText() {
        assertThatThrownBy(() -> MagnetLink.parse("http://example.com/?xt=urn:btih:" + HEX))
                .isExactlyInstanceOf(MagnetException.class)
                .hasMessage("not a magnet link: the scheme is \"http\", expected \"magnet\"");
        assertThatThrownBy(() -> MagnetLink.parse(HEX))
                .hasMessage("not a magnet link (it should start with \"magnet:?\"): " + HEX);
        assertThatThrownBy(() -> MagnetLink.parse("magnet:xt=urn:btih:" + HEX))
                .hasMessage("the magnet link has no parameters (expected \"magnet:?xt=urn:btih:...\")");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=100%"))
                .isExactlyInstanceOf(MagnetException.class)
                .hasMessage("bad percent escape at character 3 of parameter dn: '%' must be followed by two hex digits");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=" + "a".repeat(MagnetLink.MAX_LENGTH)))
                .hasMessageContaining("is longer than the limit of 65536");
        assertThat(new MagnetException("x")).isInstanceOf(MetainfoException.class);
    }

    @Test
    void formatsWithPercentEncodingThatParsesBack() {
        MagnetLink link = new MagnetLink(HASH, Optional.of("Ünïcødé & more = 100% + \"quotes\" 日本 🎵"),
                List.of(URI.create("http://a.example/announce?passkey=a&b=c"), URI.create("udp://[::1]:6969")),
                List.of(InetSocketAddress.createUnresolved("peer.example", 1), new InetSocketAddress("127.0.0.1", 2),
                        new InetSocketAddress("::1", 3)));
        String uri = link.toUri();

        assertThat(uri).startsWith("magnet:?xt=urn:btih:" + HEX + "&dn=%C3%9Cn");
        assertThat(uri.substring("magnet:?".length())).doesNotContain(" ", "+", "\"", "?", "#")
                .matches("[A-Za-z0-9._~%&=:-]*");
        assertThat(uri.split("&")).hasSize(1 + 1 + 2 + 3);
        assertThat(MagnetLink.parse(uri)).isEqualTo(link);
    }

    @Test
    void generatedLinksRoundTripThroughText() {
        Random random = new Random(31_337L);
        for (int i = 0; i < 1_000; i++) {
            byte[] hash = new byte[20];
            random.nextBytes(hash);
            List<URI> trackers = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                trackers.add(URI.create("udp://t" + trackers.size() + ".example:" + (1 + random.nextInt(65535))
                        + "/a?k=" + Integer.toHexString(random.nextInt())));
            }
            List<InetSocketAddress> peers = new ArrayList<>();
            for (int p = random.nextInt(3); p > 0; p--) {
                peers.add(new InetSocketAddress("10.0." + random.nextInt(256) + "." + peers.size(), 1 + random.nextInt(65535)));
            }
            Optional<String> name = random.nextBoolean() ? Optional.empty() : Optional.of(randomText(random));
            MagnetLink link = new MagnetLink(new InfoHash(hash), name, trackers, peers);

            assertThat(MagnetLink.parse(link.toUri())).as("link %d: %s", i, link).isEqualTo(link);
        }
    }

    @Test
    void junkEitherParsesOrFailsWithAMagnetException() {
        Random random = new Random(4242L);
        String[] pieces = {"magnet:", "?", "&", "=", "%", "%2", "%zz", "%C3", "xt", "urn:btih:", HEX, base32(HASH.bytes()),
                "tr", "x.pe", "dn", "[", "]", ":", "+", "é", "\uD83C", "#", "tr.1", "urn:btmh:", " "};
        String valid = new MagnetLink(HASH, Optional.of("a name + 日本"), List.of(URI.create("udp://t.example:1/a?b=c")),
                List.of(new InetSocketAddress("127.0.0.1", 9), InetSocketAddress.createUnresolved("h.example", 8))).toUri();
        int parsed = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text;
            if (random.nextBoolean()) {
                text = new StringBuilder(random.nextInt(3) == 0 ? "" : "magnet:?");
                for (int k = random.nextInt(12); k > 0; k--) {
                    text.append(random.nextInt(5) == 0 ? (char) random.nextInt(0x3000) : pieces[random.nextInt(pieces.length)]);
                }
            } else {
                // A valid link with a few edits: deletions, insertions of tokens or any character.
                text = new StringBuilder(valid);
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    int at = random.nextInt(text.length());
                    switch (random.nextInt(3)) {
                        case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(4)));
                        case 1 -> text.insert(at, pieces[random.nextInt(pieces.length)]);
                        default -> text.setCharAt(at, (char) random.nextInt(0x3000));
                    }
                }
            }
            try {
                MagnetLink link = MagnetLink.parse(text.toString());
                assertThat(MagnetLink.parse(link.toUri())).isEqualTo(link);
                parsed++;
            } catch (MagnetException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(parsed).as("some junk happens to be a valid link").isPositive();
    }

    @Test
    void theMagnetOfATorrentHasItsHashNameAndTrackers() {
        byte[] file = TestTorrents.torrent(io.swarmplace.bencode.BDictionary.builder()
                        .put("announce-list", new io.swarmplace.bencode.BList(List.of(
                                TestTorrents.strings("http://a.example/announce"), TestTorrents.strings("udp://b.example:1")))),
                TestTorrents.singleInfo("My File.iso", 100, 16384).build());
        Metainfo metainfo = new MetainfoReader().read(file);

        MagnetLink link = MagnetLink.of(metainfo);

        assertThat(link.infoHash()).isEqualTo(metainfo.infoHash());
        assertThat(link.displayName()).contains("My File.iso");
        assertThat(link.trackers()).containsExactly(URI.create("http://a.example/announce"), URI.create("udp://b.example:1"));
        assertThat(link.toUri()).isEqualTo("magnet:?xt=urn:btih:" + metainfo.infoHash().hex()
                + "&dn=My%20File.iso&tr=http%3A%2F%2Fa.example%2Fannounce&tr=udp%3A%2F%2Fb.example%3A1");
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x700);
                case 2 -> 0x4e00 + random.nextInt(0x500);
                default -> 0x1f300 + random.nextInt(0x100);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /** RFC 4648 base32, written here independently of the parser's decoder. */
    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        java.math.BigInteger value = new java.math.BigInteger(1, bytes);
        for (int i = bytes.length * 8 / 5 - 1; i >= 0; i--) {
            out.append(alphabet.charAt(value.shiftRight(i * 5).intValue() & 31));
        }
        return out.toString();
    }
}
