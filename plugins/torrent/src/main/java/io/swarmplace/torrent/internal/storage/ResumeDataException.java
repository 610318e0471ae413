package io.swarmplace.torrent.internal.storage;

import java.nio.file.Path;

/**
 * Resume data that cannot be trusted: unreadable, truncated, not canonical bencode, of another torrent
 * or another folder. The storage then trusts nothing and the pieces are re-hashed.
 */
public final class ResumeDataException extends StorageException {

    private static final long serialVersionUID = 1L;

    public ResumeDataException(Path file, String problem) {
        this(file, problem, null);
    }

    public ResumeDataException(Path file, String problem, Throwable cause) {
        super(Kind.RESUME_DATA, "resume data " + file + " is not usable: " + problem, file, cause);
    }
}
