package io.swarmplace.torrent.internal.storage;

import java.util.BitSet;
import java.util.Optional;

/**
 * What opening a storage made of its resume data.
 *
 * @param status the verdict
 * @param trusted pieces taken as verified without hashing
 * @param dropped pieces the resume data claimed but that touch a file which changed or vanished since;
 *     hand them to {@link TorrentStorage#recheck(BitSet, ProgressListener)} to find which are still good
 * @param problem why the resume data was rejected, when it was
 */
public record ResumeOutcome(Status status, BitSet trusted, BitSet dropped, Optional<ResumeDataException> problem) {

    public enum Status {
        /** There was no resume file (or none was given): nothing is verified until a recheck. */
        NONE,
        /** Every claimed piece was trusted. */
        ACCEPTED,
        /** Some files changed; their pieces were dropped, the rest trusted. */
        PARTIAL,
        /** The resume file was unusable; nothing is trusted. */
        REJECTED
    }

    public ResumeOutcome {
        trusted = (BitSet) trusted.clone();
        dropped = (BitSet) dropped.clone();
    }

    static ResumeOutcome none() {
        return new ResumeOutcome(Status.NONE, new BitSet(), new BitSet(), Optional.empty());
    }

    static ResumeOutcome rejected(ResumeDataException problem) {
        return new ResumeOutcome(Status.REJECTED, new BitSet(), new BitSet(), Optional.of(problem));
    }

    @Override
    public BitSet trusted() {
        return (BitSet) trusted.clone();
    }

    @Override
    public BitSet dropped() {
        return (BitSet) dropped.clone();
    }
}
