package io.swarmplace.torrent.internal.choke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerReputationTest {

    private final BanList bans = new BanList();
    private final PeerReputation reputation = new PeerReputation(bans);

    private static InetAddress ip(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSoleContributorOfAFailedPieceIsBannedAtOnce() {
        assertThat(reputation.pieceFailed(7, List.of(ip(1)))).containsExactly(ip(1));
        assertThat(bans.isBanned(ip(1))).isTrue();
        assertThat(bans.reason(ip(1))).hasValueSatisfying(reason -> assertThat(reason).contains("piece 7"));
        assertThat(reputation.trust(ip(1))).isLessThanOrEqualTo(ReputationConfig.DEFAULTS.banAtOrBelow());
        // two connections from one address are one contributor
        assertThat(reputation.pieceFailed(8, List.of(ip(2), ip(2)))).containsExactly(ip(2));
        // a ban is reported once
        assertThat(reputation.pieceFailed(9, List.of(ip(1)))).isEmpty();
    }

    @Test
    void sharedContributorsLoseTrustUntilTheThreshold() {
        InetAddress honest = ip(3);
        InetAddress poisoner = ip(4);
        for (int failure = 1; failure <= 3; failure++) {
            assertThat(reputation.pieceFailed(failure, List.of(honest, poisoner))).isEmpty();
            assertThat(reputation.trust(poisoner)).isEqualTo(-2 * failure);
        }
        assertThat(bans.size()).isZero();
        assertThat(reputation.pieceFailed(4, List.of(honest, poisoner))).containsExactlyInAnyOrder(honest, poisoner);
        assertThat(bans.reason(poisoner)).hasValueSatisfying(reason -> assertThat(reason).contains("trust -8"));
    }

    @Test
    void verifiedPiecesRestoreTrustSoAnHonestPeerSurvivesAPoisoner() {
        InetAddress honest = ip(5);
        InetAddress poisoner = ip(6);
        for (int piece = 0; piece < 12; piece++) {
            if (piece % 3 == 2) {
                reputation.pieceFailed(piece, List.of(honest, poisoner));
            } else {
                reputation.pieceVerified(List.of(honest));
            }
        }
        // honest: +1 +1 -2 per three pieces; the poisoner: -2 per three pieces, banned at the 4th failure
        assertThat(bans.isBanned(poisoner)).isTrue();
        assertThat(bans.isBanned(honest)).isFalse();
        assertThat(reputation.trust(honest)).isZero();
    }

    @Test
    void trustIsCapped() {
        for (int i = 0; i < 100; i++) {
            reputation.pieceVerified(List.of(ip(7)));
        }
        assertThat(reputation.trust(ip(7))).isEqualTo(8);
        // 8 good points buy 7 shared failures, not 50
        int failures = 0;
        while (!bans.isBanned(ip(7))) {
            reputation.pieceFailed(failures++, List.of(ip(7), ip(8)));
        }
        assertThat(failures).isEqualTo(8);
    }

    @Test
    void theTrustTableIsBounded() {
        PeerReputation small = new PeerReputation(new ReputationConfig(8, 1, 2, -7, 2), new BanList());
        small.pieceVerified(List.of(ip(10)));
        small.pieceVerified(List.of(ip(11)));
        small.pieceVerified(List.of(ip(10)));
        small.pieceVerified(List.of(ip(12)));
        assertThat(small.trust(ip(10))).isEqualTo(2);
        assertThat(small.trust(ip(11))).as("least recently touched, forgotten").isZero();
        assertThatThrownBy(() -> new ReputationConfig(8, 1, 2, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBanListIsSharedAndCanBeLifted() {
        assertThat(bans.ban(ip(20), "manual")).isTrue();
        assertThat(bans.ban(ip(20), "again")).isFalse();
        assertThat(bans.reason(ip(20))).contains("manual");
        assertThat(bans.snapshot()).containsOnlyKeys(ip(20));
        assertThat(bans.unban(ip(20))).isTrue();
        assertThat(bans.isBanned(ip(20))).isFalse();
        assertThat(bans.unban(ip(20))).isFalse();
    }
}
