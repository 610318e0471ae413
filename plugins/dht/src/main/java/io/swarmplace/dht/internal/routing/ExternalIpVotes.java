package io.swarmplace.dht.internal.routing;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Our public IP as other nodes see it: the BEP 42 {@code ip} field of their answers, one vote per voting
 * IP (its latest), over the last {@value #VOTERS} voters. An address wins once it has at least
 * {@value #QUORUM} votes and more than half of all of them, so a few liars cannot move it. Not thread-safe.
 */
public final class ExternalIpVotes {

    static final int VOTERS = 64;
    static final int QUORUM = 5;

    private final LinkedHashMap<InetAddress, InetAddress> voteByVoter = new LinkedHashMap<>();

    /** Records that {@code voter} saw our queries come from {@code reported}. */
    public void vote(InetAddress voter, InetAddress reported) {
        voteByVoter.remove(voter);
        voteByVoter.put(voter, reported);
        if (voteByVoter.size() > VOTERS) {
            Iterator<InetAddress> oldest = voteByVoter.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The address a clear majority reports, if any. */
    public Optional<InetAddress> winner() {
        Map<InetAddress, Integer> counts = new HashMap<>();
        for (InetAddress reported : voteByVoter.values()) {
            counts.merge(reported, 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .filter(entry -> entry.getValue() >= QUORUM && entry.getValue() * 2 > voteByVoter.size())
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
