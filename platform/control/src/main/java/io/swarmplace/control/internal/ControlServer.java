package io.swarmplace.control.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.swarmplace.control.ControlEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The node's control channel: a loopback TCP server that runs shell commands for {@code bin/swarmplace}.
 * The pipeline is {@link ControlChannelInitializer}'s.
 */
@Component(immediate = true, configurationPid = ControlServer.PID, service = {})
@Designate(ocd = ControlServer.Config.class)
public class ControlServer {

    static final String PID = "io.swarmplace.control";

    @ObjectClassDefinition(name = "Swarmplace control channel")
    public @interface Config {
        @AttributeDefinition(description = "Loopback address to listen on")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(description = "TCP port; 0 picks a free one (published in control.json)")
        int port() default 0;

        @AttributeDefinition(description = "Threads that run commands")
        int commandThreads() default 2;
    }

    private final EventLoopGroup ioGroup;
    private final EventExecutorGroup commandGroup;
    private final EndpointFile endpointFile;
    private final ControlEndpoint endpoint;
    private final Channel serverChannel;

    @Activate
    public ControlServer(
            Config config,
            BundleContext context,
            @Reference CommandProcessor processor) throws IOException, InterruptedException {
        String dataDirectory = context.getProperty("swarmplace.data");
        if (dataDirectory == null) {
            throw new IllegalStateException("framework property swarmplace.data is not set; start the node with bin/swarmplace");
        }
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the control channel runs shell commands: bindAddress must be a loopback"
                    + " address such as 127.0.0.1, not '" + config.bindAddress() + "' (PID " + PID + ")");
        }
        String token = newToken();
        ioGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        commandGroup = new DefaultEventExecutorGroup(config.commandThreads());
        try {
            serverChannel = new ServerBootstrap()
                    .group(ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ControlChannelInitializer(token, processor, commandGroup))
                    .bind(address)
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownGroups();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        endpoint = new ControlEndpoint(
                bound.getAddress().getHostAddress(), bound.getPort(), token, ProcessHandle.current().pid());
        endpointFile = new EndpointFile(Path.of(dataDirectory));
        endpointFile.publish(endpoint);
    }

    @Deactivate
    void deactivate() throws IOException {
        try {
            endpointFile.withdraw(endpoint);
        } finally {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            shutdownGroups();
        }
    }

    private void shutdownGroups() {
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        commandGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private static String newToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
