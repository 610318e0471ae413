package io.swarmplace.torrent.internal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerUrlsTest {

    private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void everyByteValueOfInfoHashAndPeerIdSurvivesTheQuery() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        for (int from = 0; from < 256; from += 20) {
            byte[] hash = new byte[20];
            byte[] peer = new byte[20];
            for (int i = 0; i < 20; i++) {
                hash[i] = all[(from + i) % 256];
                peer[i] = all[(from + 128 + i) % 256];
            }
            URI url = TrackerUrls.announceUrl(URI.create("http://t.example/announce"),
                    new AnnounceRequest(new InfoHash(hash), peer, 6881, 0, 0, 0, AnnounceEvent.NONE, -1, 0, null));

            Map<String, List<byte[]>> query = parseQuery(url.getRawQuery());
            assertThat(query.get("info_hash")).singleElement().isEqualTo(hash);
            assertThat(query.get("peer_id")).singleElement().isEqualTo(peer);
            // Only unreserved characters and escapes: nothing a server could split or re-decode differently.
            assertThat(url.getRawQuery()).matches("[A-Za-z0-9._~%=&-]*");
        }
    }

    @Test
    void unreservedBytesStayAndAllOthersAreEscapedInUpperCaseHex() {
        assertThat(TrackerUrls.percentEncode(new byte[] {'a', 'Z', '0', '-', '.', '_', '~', ' ', '%', '&', '+', '/', (byte) 0xff, 0}))
                .isEqualTo("aZ0-._~%20%25%26%2B%2F%FF%00");
    }

    @Test
    void announceCarriesEveryParameter() {
        AnnounceRequest request = new AnnounceRequest(HASH, TrackerTests.peerId("-SW0001-"), 51413, 10, 20, 30,
                AnnounceEvent.STARTED, 80, 0x00ab12ef, "tid-1".getBytes());

        URI url = TrackerUrls.announceUrl(URI.create("http://t.example:8080/announce"), request);

        assertThat(url.getRawQuery()).isEqualTo("info_hash=%01%23Eg%89%AB%CD%EF%01%23Eg%89%AB%CD%EF%01%23Eg"
                + "&peer_id=-SW0001-000000000000&port=51413&uploaded=10&downloaded=20&left=30&compact=1"
                + "&event=started&numwant=80&key=00ab12ef&trackerid=tid-1");
        assertThat(url.getHost()).isEqualTo("t.example");
        assertThat(url.getPort()).isEqualTo(8080);
    }

    @Test
    void aRegularAnnounceSendsNoEventAndATrackerDefaultNumWantSendsNoNumWant() {
        URI url = TrackerUrls.announceUrl(URI.create("http://t.example/announce"),
                TrackerTests.request(HASH, "x", 1, 0, AnnounceEvent.NONE).withEvent(AnnounceEvent.NONE, -1));

        assertThat(url.getRawQuery()).doesNotContain("event=").doesNotContain("numwant=");
    }

    @Test
    void aQueryAlreadyInTheAnnounceUrlIsKeptInFront() {
        AnnounceRequest request = TrackerTests.request(HASH, "x", 1, 0, AnnounceEvent.NONE);

        assertThat(TrackerUrls.announceUrl(URI.create("http://t.example/announce.php?passkey=a%2Fb&x=1"), request).toString())
                .startsWith("http://t.example/announce.php?passkey=a%2Fb&x=1&info_hash=%01");
        assertThat(TrackerUrls.announceUrl(URI.create("http://t.example/announce?"), request).toString())
                .startsWith("http://t.example/announce?info_hash=");
        assertThat(TrackerUrls.announceUrl(URI.create("http://t.example/announce?k=v&"), request).toString())
                .startsWith("http://t.example/announce?k=v&info_hash=");
        assertThat(TrackerUrls.announceUrl(URI.create("http://t.example/announce#frag"), request).toString())
                .startsWith("http://t.example/announce?info_hash=").doesNotContain("#");
    }

    @Test
    void scrapeUrlsFollowTheBep48Convention() throws Exception {
        List<InfoHash> one = List.of(HASH);
        String hash = "info_hash=%01%23Eg%89%AB%CD%EF%01%23Eg%89%AB%CD%EF%01%23Eg";

        assertThat(TrackerUrls.scrapeUrl(URI.create("http://example.com/announce"), one))
                .hasToString("http://example.com/scrape?" + hash);
        assertThat(TrackerUrls.scrapeUrl(URI.create("http://example.com/x/announce"), one))
                .hasToString("http://example.com/x/scrape?" + hash);
        assertThat(TrackerUrls.scrapeUrl(URI.create("http://example.com/announce.php"), one))
                .hasToString("http://example.com/scrape.php?" + hash);
        assertThat(TrackerUrls.scrapeUrl(URI.create("https://example.com:8443/announce?x2%0644"), one))
                .hasToString("https://example.com:8443/scrape?x2%0644&" + hash);
        assertThat(TrackerUrls.scrapeUrl(URI.create("http://example.com/announce"), List.of(HASH, HASH)))
                .hasToString("http://example.com/scrape?" + hash + "&" + hash);
    }

    @Test
    void aTrackerOffTheConventionHasNoScrapeUrl() {
        for (String url : List.of("http://example.com/a", "http://example.com/announce/", "http://example.com/x%064announce",
                "http://example.com/a/announce/b", "http://example.com")) {
            assertThatThrownBy(() -> TrackerUrls.scrapeUrl(URI.create(url), List.of(HASH)))
                    .as(url)
                    .isInstanceOf(ScrapeNotSupportedException.class)
                    .hasMessageContaining("scrape is not supported")
                    .hasMessageContaining("BEP 48");
        }
    }

    @Test
    void urlsShownToUsersLoseTheirQuery() {
        assertThat(TrackerUrls.withoutQuery(URI.create("http://t.example/announce?passkey=secret"))).isEqualTo("http://t.example/announce");
    }

    /** Decodes a query byte-wise, the way a tracker does. */
    static Map<String, List<byte[]>> parseQuery(String rawQuery) {
        Map<String, List<byte[]>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(percentDecode(pair.substring(equals + 1)));
        }
        return parameters;
    }

    static byte[] percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }
}
