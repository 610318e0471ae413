package io.swarmplace.dht.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ExternalIpVotesTest {

    private final ExternalIpVotes votes = new ExternalIpVotes();

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void anAddressWinsWithAQuorumAndAMajority() throws Exception {
        for (int voter = 1; voter < ExternalIpVotes.QUORUM; voter++) {
            votes.vote(ip("10.0.0." + voter), ip("81.2.3.4"));
        }
        assertThat(votes.winner()).as("one vote short of a quorum").isEmpty();
        votes.vote(ip("10.0.0.99"), ip("81.2.3.4"));
        assertThat(votes.winner()).contains(ip("81.2.3.4"));
    }

    @Test
    void oneVoterRepeatingItselfCountsOnceAndLiarsWithoutMajorityMoveNothing() throws Exception {
        for (int i = 0; i < 50; i++) {
            votes.vote(ip("10.0.0.1"), ip("6.6.6.6"));
        }
        assertThat(votes.winner()).isEmpty();
        for (int voter = 2; voter <= 6; voter++) {
            votes.vote(ip("10.0.0." + voter), ip("81.2.3.4"));
        }
        for (int voter = 7; voter <= 10; voter++) {
            votes.vote(ip("10.0.0." + voter), ip("6.6.6.6"));
        }
        assertThat(votes.winner()).as("5 of 10 is no majority").isEmpty();
        votes.vote(ip("10.0.0.11"), ip("81.2.3.4"));
        assertThat(votes.winner()).contains(ip("81.2.3.4"));
    }

    @Test
    void onlyTheLatestVotersCount() throws Exception {
        for (int voter = 0; voter < ExternalIpVotes.VOTERS; voter++) {
            votes.vote(ip("10.0.1." + voter), ip("81.2.3.4"));
        }
        for (int voter = 0; voter < ExternalIpVotes.VOTERS / 2 + 1; voter++) {
            votes.vote(ip("10.0.2." + voter), ip("82.2.3.4"));
        }
        assertThat(votes.winner()).as("our address changed").contains(ip("82.2.3.4"));
    }
}
