package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Decides which pieces claimed by resume data can be trusted without hashing: those whose files have the
 * same size and modification time as when the resume data was saved. Blocking: runs on a disk thread.
 */
final class ResumeCheck {

    private ResumeCheck() {}

    static ResumeOutcome check(Path resumeFile, PieceMap map, StoragePaths paths) {
        Optional<ResumeData> read;
        try {
            read = ResumeFile.read(resumeFile, map.info());
        } catch (ResumeDataException e) {
            return ResumeOutcome.rejected(e);
        }
        if (read.isEmpty()) {
            return ResumeOutcome.none();
        }
        ResumeData data = read.get();
        if (!data.savePath().equals(paths.folder())) {
            return ResumeOutcome.rejected(new ResumeDataException(resumeFile,
                    "it was saved for the folder " + data.savePath() + " but the torrent is opened at " + paths.folder()));
        }
        BitSet claimed = data.verifiedPieces();
        BitSet changed = new BitSet();
        List<TorrentFile> files = map.info().files();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).padding()) {
                continue;
            }
            ResumeData.FileState recorded = data.files().get(i);
            ResumeData.FileState current;
            try {
                current = FileStates.of(paths.file(i));
            } catch (IOException e) {
                current = ResumeData.FileState.ABSENT;
            }
            if (!current.equals(recorded)) {
                FileStates.addAll(map, i, changed);
            } else {
                FileStates.addUnbacked(map, i, current, changed);
            }
        }
        BitSet dropped = (BitSet) claimed.clone();
        dropped.and(changed);
        claimed.andNot(changed);
        ResumeOutcome.Status status = dropped.isEmpty() ? ResumeOutcome.Status.ACCEPTED : ResumeOutcome.Status.PARTIAL;
        return new ResumeOutcome(status, claimed, dropped, Optional.empty());
    }
}
