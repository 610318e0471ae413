package io.swarmplace.torrent.internal.choke;

/** What the choker rewards: the rate peers give us while we download, or the rate they take while we seed. */
public enum ChokeMode {
    /** Tit-for-tat: unchoke the interested peers that upload to us fastest. */
    LEECHING,
    /** We have everything: unchoke the peers that download from us fastest, rotating ties. */
    SEEDING
}
