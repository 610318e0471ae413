package io.swarmplace.control.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.control.ControlEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The endpoint file in the data directory. It holds the channel's secret, so it is created readable by
 * the owner only and moved into place atomically: a client never reads a half-written secret.
 */
final class EndpointFile {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    EndpointFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(ControlEndpoint.FILE_NAME);
    }

    void publish(ControlEndpoint endpoint) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(
                file.getParent(),
                ".control",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            json.writeValue(temp.toFile(), endpoint);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the file if it still describes {@code endpoint} (a newer node may have replaced it). */
    void withdraw(ControlEndpoint endpoint) throws IOException {
        if (Files.exists(file) && json.readValue(file.toFile(), ControlEndpoint.class).equals(endpoint)) {
            Files.delete(file);
        }
    }
}
