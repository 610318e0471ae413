package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeEncoder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Metainfo} as a canonical .torrent file. The info dictionary is copied verbatim from
 * {@link Metainfo#infoBytes()}, never re-encoded, so the info-hash is the same whatever the info
 * dictionary holds. A single tracker is written as "announce" alone; more trackers or tiers also as a
 * BEP 12 "announce-list" (with "announce" set to the first URL for old clients). One web seed is
 * written as a string, several as a list. The creation date is written in whole seconds.
 * {@code new MetainfoReader().read(write(m))} equals {@code m} for every {@code m} the reader returns.
 * Immutable and thread-safe.
 */
public final class MetainfoWriter {

    private final BencodeEncoder encoder = new BencodeEncoder();

    public byte[] write(Metainfo metainfo) {
        // Canonical bencode orders keys by raw bytes; the info value is spliced in as raw bytes.
        Map<BString, byte[]> members = new TreeMap<>();
        List<List<URI>> tiers = metainfo.announceTiers().stream().filter(tier -> !tier.isEmpty()).toList();
        if (!tiers.isEmpty()) {
            members.put(BString.of("announce"), encode(url(tiers.get(0).get(0))));
            if (tiers.size() > 1 || tiers.get(0).size() > 1) {
                BList list = new BList(tiers.stream()
                        .<BValue>map(tier -> new BList(tier.stream().map(MetainfoWriter::url).toList()))
                        .toList());
                members.put(BString.of("announce-list"), encode(list));
            }
        }
        metainfo.comment().ifPresent(comment -> members.put(BString.of("comment"), encode(BString.of(comment))));
        metainfo.createdBy().ifPresent(by -> members.put(BString.of("created by"), encode(BString.of(by))));
        metainfo.creationDate().ifPresent(date ->
                members.put(BString.of("creation date"), encode(BInteger.of(date.getEpochSecond()))));
        members.put(BString.of("info"), metainfo.infoBytes());
        List<URI> seeds = metainfo.webSeeds();
        if (seeds.size() == 1) {
            members.put(BString.of("url-list"), encode(url(seeds.get(0))));
        } else if (seeds.size() > 1) {
            members.put(BString.of("url-list"), encode(new BList(seeds.stream().map(MetainfoWriter::url).toList())));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(metainfo.infoBytes().length + 512);
        out.write('d');
        members.forEach((key, value) -> {
            out.writeBytes(encode(key));
            out.writeBytes(value);
        });
        out.write('e');
        return out.toByteArray();
    }

    private byte[] encode(BValue value) {
        return encoder.encode(value);
    }

    private static BValue url(URI uri) {
        return BString.of(uri.toString());
    }
}
