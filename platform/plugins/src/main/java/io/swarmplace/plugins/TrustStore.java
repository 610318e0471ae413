package io.swarmplace.plugins;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The certificates whose signatures let a plugin install without asking. */
@ProviderType
public interface TrustStore {

    /**
     * Adds the X.509 certificate (PEM or DER) in {@code certificateFile}.
     *
     * @return the subject of the certificate added
     */
    String trust(Path certificateFile) throws PluginException;

    /** Removes every trusted certificate whose subject equals {@code subject}. */
    boolean distrust(String subject) throws PluginException;

    /** Subjects of the trusted certificates. */
    List<String> trustedSubjects();
}
