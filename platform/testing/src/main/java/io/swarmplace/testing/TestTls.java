package io.swarmplace.testing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** TLS for test servers on loopback (e.g. com.sun.net.httpserver.HttpsServer) from a test certificate. */
public final class TestTls {

    private TestTls() {}

    /** A server-side TLS context presenting {@code certificate} (first the server's own, then any issuers). */
    public static SSLContext serverContext(PrivateKey key, X509Certificate... certificate) {
        char[] password = "test".toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, password, certificate);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build a server TLS context from the test certificate: " + e.getMessage(), e);
        }
    }
}
