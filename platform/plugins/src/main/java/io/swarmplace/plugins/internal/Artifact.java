package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.Trust;
import io.swarmplace.plugins.internal.trust.InspectedJar;
import java.nio.file.Path;

/**
 * A downloaded, verified jar ready to install.
 *
 * @param file the complete temporary copy
 * @param origin where it came from, for messages
 * @param jar its bundle identity and signers
 * @param sha256 digest of {@code file}
 * @param trust why it may be installed
 */
record Artifact(Path file, String origin, InspectedJar jar, String sha256, Trust trust) {

    String name() {
        return jar.symbolicName();
    }
}
