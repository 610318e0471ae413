package io.swarmplace.tron.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Installs the packaged bundle in a bare Felix framework (only the JDK besides it) and runs both
 * the gRPC server and Trident's gRPC client from the bundle's class loader: gRPC picks its
 * transport through ServiceLoader, which has to find it among the bundle's embedded jars.
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
            Bundle bundle = framework.getBundleContext().installBundle(bundleJar.toUri().toString());
            bundle.start();
            assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);

            Class<?> devnetType = bundle.loadClass("io.swarmplace.tron.devnet.Devnet");
            Class<?> configType = bundle.loadClass("io.swarmplace.tron.devnet.DevnetConfig");
            assertThat(devnetType.getClassLoader()).isNotSameAs(Devnet.class.getClassLoader());
            Object config = configType.getConstructor(int.class, Path.class, Duration.class, int.class)
                    .newInstance(0, Files.createDirectories(temp.resolve("chain")), Duration.ofMillis(100), 1);
            AutoCloseable devnet = (AutoCloseable) devnetType.getMethod("start", configType).invoke(null, config);
            try {
                String endpoint = (String) devnetType.getMethod("endpoint").invoke(devnet);
                Class<?> walletType = bundle.loadClass("org.tron.trident.core.ApiWrapper");
                Class<?> keyPairType = bundle.loadClass("org.tron.trident.core.key.KeyPair");
                Object key = keyPairType.getMethod("generate").invoke(null);
                String hexKey = (String) keyPairType.getMethod("toPrivateKey").invoke(key);
                Object wallet = walletType.getConstructor(String.class, String.class, String.class)
                        .newInstance(endpoint, endpoint, hexKey);
                try {
                    Class<?> nodeType = bundle.loadClass("org.tron.trident.core.NodeType");
                    Method nowBlock = walletType.getMethod("getNowBlock2", nodeType.arrayType());
                    Object block = nowBlock.invoke(wallet, Array.newInstance(nodeType, 0));
                    Object blockId = block.getClass().getMethod("getBlockid").invoke(block);
                    Method size = bundle.loadClass("com.google.protobuf.ByteString").getMethod("size");
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
}
