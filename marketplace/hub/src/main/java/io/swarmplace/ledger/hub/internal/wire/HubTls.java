package io.swarmplace.ledger.hub.internal.wire;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS for the hub's connections, from PEM files. TLS keeps request contents private and stops a man in
 * the middle from dropping or delaying requests; authenticity comes from the request signatures either way.
 */
public final class HubTls {

    private HubTls() {}

    /** The server's context: its certificate chain and PKCS#8 private key, both PEM. */
    public static SslContext server(Path certificateChain, Path privateKey) {
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the hub's TLS certificate " + certificateChain + " or key " + privateKey
                    + " is unusable (PEM certificate chain and PKCS#8 PEM key expected): " + e.getMessage(), e);
        }
    }

    /** The client's context, trusting {@code trustedCertificate} (PEM; a self-signed hub's), or the JDK's CAs if null. */
    public static SslContext client(Path trustedCertificate) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (trustedCertificate != null) {
                File trusted = trustedCertificate.toFile();
                builder.trustManager(trusted);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the hub TLS trust certificate " + trustedCertificate + " is unusable: "
                    + e.getMessage(), e);
        }
    }
}
