package io.swarmplace.launcher.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.swarmplace.control.ControlEndpoint;
import io.swarmplace.control.ControlRequest;
import io.swarmplace.control.ControlResponse;
import io.swarmplace.control.codec.ControlFraming;
import io.swarmplace.control.codec.JsonLineDecoder;
import io.swarmplace.control.codec.JsonLineEncoder;
import io.swarmplace.launcher.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Talks to a running node over its control channel. One connection is one shell session on the node,
 * so variables set by one command are seen by the next.
 */
public final class ControlClient implements AutoCloseable {

    /** A command may download a plugin and start it; a few minutes is generous, forever is a hang. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    private final EventLoopGroup group;
    private final Channel channel;
    private final ControlEndpoint endpoint;
    private final BlockingQueue<Object> answers;
    private final Duration commandTimeout;

    private ControlClient(
            EventLoopGroup group,
            Channel channel,
            ControlEndpoint endpoint,
            BlockingQueue<Object> answers,
            Duration commandTimeout) {
        this.group = group;
        this.channel = channel;
        this.endpoint = endpoint;
        this.answers = answers;
        this.commandTimeout = commandTimeout;
    }

    /** Connects to the node of {@code dataDirectory}, or throws {@link NodeNotRunningException}. */
    public static ControlClient connect(Path dataDirectory, Duration commandTimeout) {
        ControlEndpoint endpoint = readEndpoint(dataDirectory);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        try {
            Channel channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast("framing", ControlFraming.newFrameDecoder())
                                    .addLast("encoder", new JsonLineEncoder())
                                    .addLast("decoder", new JsonLineDecoder<>(ControlResponse.class))
                                    .addLast("answers", new AnswerCollector(answers));
                        }
                    })
                    .connect(endpoint.host(), endpoint.port())
                    .sync()
                    .channel();
            return new ControlClient(group, channel, endpoint, answers, commandTimeout);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
                throw new NodeNotRunningException(dataDirectory);
            }
            throw new UserError("Cannot reach the node at " + endpoint.host() + ":" + endpoint.port() + ": " + e.getMessage());
        }
    }

    /** Runs one Gogo command line on the node. */
    public ControlResponse execute(String commandLine) throws InterruptedException {
        answers.clear();
        channel.writeAndFlush(new ControlRequest(endpoint.token(), commandLine));
        Object answer = answers.poll(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (answer == null) {
            throw new UserError("The node did not answer within " + commandTimeout.toSeconds() + " s.");
        }
        if (answer instanceof Throwable failure) {
            throw new UserError("The connection to the node broke: " + failure.getMessage());
        }
        return (ControlResponse) answer;
    }

    public long nodePid() {
        return endpoint.pid();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private static ControlEndpoint readEndpoint(Path dataDirectory) {
        Path file = dataDirectory.resolve(ControlEndpoint.FILE_NAME);
        try {
            return new ObjectMapper().readValue(Files.readAllBytes(file), ControlEndpoint.class);
        } catch (NoSuchFileException e) {
            throw new NodeNotRunningException(dataDirectory);
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage()
                    + " (it is readable only by the user that started the node).");
        }
    }

    /** Hands each answer, or the reason the connection ended, to the waiting caller. */
    private static final class AnswerCollector extends SimpleChannelInboundHandler<ControlResponse> {

        private final BlockingQueue<Object> answers;

        AnswerCollector(BlockingQueue<Object> answers) {
            this.answers = answers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ControlResponse response) {
            answers.add(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answers.add(new IOException("the node closed the connection"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answers.add(cause);
            ctx.close();
        }
    }
}
