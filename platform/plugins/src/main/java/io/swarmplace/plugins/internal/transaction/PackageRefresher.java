package io.swarmplace.plugins.internal.transaction;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Refreshes bundles and waits for the framework to finish, because refreshing is asynchronous and the
 * next step (or the next command) must see the new wiring.
 */
public class PackageRefresher {

    private final FrameworkWiring frameworkWiring;
    private final Duration timeout;

    public PackageRefresher(BundleContext context, Duration timeout) {
        this.frameworkWiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        this.timeout = timeout;
    }

    /** @return false if the framework did not finish in time */
    public boolean refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        frameworkWiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return true if every bundle is resolved afterwards */
    public boolean resolve(Collection<Bundle> bundles) {
        return frameworkWiring.resolveBundles(bundles);
    }

    public Duration timeout() {
        return timeout;
    }
}
