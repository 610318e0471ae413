package io.swarmplace.tron.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Installs the packaged bundle in a bare Felix framework with only BouncyCastle and the tron-grpc library
 * bundle besides it, and runs the devnet's gRPC server and Trident's gRPC client: gRPC finds its transport,
 * name resolver and load balancers through ServiceLoader in the library bundle's class loader, which must
 * see the merged META-INF/services of the libraries flattened into it.
 */
class DevnetBundleIT {

    @TempDir
    Path temp;

    @Test
    void grpcServerAndTridentClientWorkInsideTheBundle() throws Exception {
        Path bundleJar = Path.of(System.getProperty("devnet.bundle", "target/tron-devnet-0.1.0-SNAPSHOT.jar"));
        assertThat(bundleJar).exists();
        Framework framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, temp.resolve("felix-cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        try {
            Bundle crypto = framework.getBundleContext().installBundle(onClassPath("bcprov-jdk18on-"));
            Bundle library = framework.getBundleContext().installBundle(onClassPath("tron-grpc-"));
            Bundle bundle = framework.getBundleContext().installBundle(bundleJar.toUri().toString());
            for (Bundle each : List.of(crypto, library, bundle)) {
                each.start();
                assertThat(each.getState()).as(each.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
            }
            // The devnet uses the library's gRPC, not a copy of its own.
            assertThat(bundle.loadClass("io.grpc.Server").getClassLoader())
                    .isSameAs(library.loadClass("io.grpc.Server").getClassLoader());
            Class<?> balancers = library.loadClass("io.grpc.LoadBalancerRegistry");
            Object registry = balancers.getMethod("getDefaultRegistry").invoke(null);
            for (String policy : List.of("pick_first", "round_robin", "outlier_detection_experimental")) {
                assertThat(balancers.getMethod("getProvider", String.class).invoke(registry, policy)).as(policy).isNotNull();
            }
            Class<?> resolvers = library.loadClass("io.grpc.NameResolverRegistry");
            Object factory = resolvers.getMethod("asFactory").invoke(resolvers.getMethod("getDefaultRegistry").invoke(null));
            assertThat(library.loadClass("io.grpc.NameResolver$Factory").getMethod("getDefaultScheme").invoke(factory))
                    .isEqualTo("dns");

            Class<?> devnetType = bundle.loadClass("io.swarmplace.tron.devnet.Devnet");
            Class<?> configType = bundle.loadClass("io.swarmplace.tron.devnet.DevnetConfig");
            assertThat(devnetType.getClassLoader()).isNotSameAs(Devnet.class.getClassLoader());
            Object config = configType.getConstructor(int.class, Path.class, Duration.class, int.class)
                    .newInstance(0, Files.createDirectories(temp.resolve("chain")), Duration.ofMillis(100), 1);
            AutoCloseable devnet = (AutoCloseable) devnetType.getMethod("start", configType).invoke(null, config);
            try {
                String endpoint = (String) devnetType.getMethod("endpoint").invoke(devnet);
                Class<?> walletType = library.loadClass("org.tron.trident.core.ApiWrapper");
                Class<?> keyPairType = library.loadClass("org.tron.trident.core.key.KeyPair");
                Object key = keyPairType.getMethod("generate").invoke(null);
                String hexKey = (String) keyPairType.getMethod("toPrivateKey").invoke(key);
                Object wallet = walletType.getConstructor(String.class, String.class, String.class)
                        .newInstance(endpoint, endpoint, hexKey);
                try {
                    Class<?> nodeType = library.loadClass("org.tron.trident.core.NodeType");
                    Method nowBlock = walletType.getMethod("getNowBlock2", nodeType.arrayType());
                    Object block = nowBlock.invoke(wallet, Array.newInstance(nodeType, 0));
                    Object blockId = block.getClass().getMethod("getBlockid").invoke(block);
                    Method size = library.loadClass("com.google.protobuf.ByteString").getMethod("size");
                    assertThat((Integer) size.invoke(blockId)).isEqualTo(32);
                } finally {
                    walletType.getMethod("close").invoke(wallet);
                }
            } finally {
                devnet.close();
            }
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** The location of the jar on the test class path whose name starts with {@code prefix}. */
    private static String onClassPath(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith(prefix) && entry.endsWith(".jar")) {
                return path.toUri().toString();
            }
        }
        throw new AssertionError("no " + prefix + "*.jar on the class path");
    }
}
