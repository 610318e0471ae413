package io.swarmplace.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.swarmplace.control.ControlRequest;
import io.swarmplace.control.ControlResponse;
import io.swarmplace.control.codec.ControlFraming;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control channel's pipeline on a real loopback socket with the real Gogo runtime, fed both what
 * bin/swarmplace sends and what a hostile local process might.
 */
class ControlChannelTest {

    private static final String TOKEN = "s3cret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ThreadIOImpl threadIo;
    private static EventLoopGroup ioGroup;
    private static EventExecutorGroup commandGroup;
    private static Channel server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIo);
        processor.addCommand("test", new Commands(), "fail");
        processor.addCommand("test", new Commands(), "say");
        ioGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        commandGroup = new DefaultEventExecutorGroup(1);
        server = new ServerBootstrap()
                .group(ioGroup)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ControlChannelInitializer(TOKEN, processor, commandGroup))
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    @AfterAll
    static void stopServer() {
        server.close().syncUninterruptibly();
        ioGroup.shutdownGracefully().syncUninterruptibly();
        commandGroup.shutdownGracefully().syncUninterruptibly();
        threadIo.stop();
    }

    /** A command that fails the way plugin commands do: by throwing with a message for the user. */
    public static final class Commands {
        public void fail() {
            throw new IllegalStateException("nothing was installed");
        }

        public String say(String words) {
            return words;
        }
    }

    @Test
    void runsCommandsAndKeepsSessionVariablesPerConnection() throws IOException {
        try (Connection connection = new Connection()) {
            ControlResponse assigned = connection.send(new ControlRequest(TOKEN, "greeting = \"hi there\""));
            assertThat(assigned.exitCode()).isZero();
            ControlResponse echoed = connection.send(new ControlRequest(TOKEN, "test:say $greeting"));
            assertThat(echoed.succeeded()).isTrue();
            assertThat(echoed.output()).isEqualTo("hi there\n");
        }
    }

    @Test
    void failingCommandReportsItsMessageAndType() throws IOException {
        try (Connection connection = new Connection()) {
            ControlResponse failed = connection.send(new ControlRequest(TOKEN, "test:fail"));
            assertThat(failed.exitCode()).isEqualTo(ControlResponse.COMMAND_FAILED);
            assertThat(failed.error()).isEqualTo("nothing was installed");
            assertThat(failed.errorType()).isEqualTo("IllegalStateException");

            ControlResponse unknown = connection.send(new ControlRequest(TOKEN, "no:such"));
            assertThat(unknown.exitCode()).isEqualTo(ControlResponse.COMMAND_FAILED);
            assertThat(unknown.error()).contains("Command not found: no:such");

            ControlResponse stillServing = connection.send(new ControlRequest(TOKEN, "test:say 'ok'"));
            assertThat(stillServing.output()).isEqualTo("ok\n");
        }
    }

    @Test
    void wrongTokenIsRefusedAndTheConnectionClosed() throws IOException {
        try (Connection connection = new Connection()) {
            ControlResponse refused = connection.send(new ControlRequest("guess", "test:say owned"));
            assertThat(refused.exitCode()).isEqualTo(ControlResponse.UNAUTHORIZED);
            assertThat(refused.output()).isEmpty();
            assertThat(connection.readLine()).as("closed after refusing").isNull();
        }
        try (Connection connection = new Connection()) {
            assertThat(connection.send(new ControlRequest(null, "test:say owned")).exitCode()).isEqualTo(ControlResponse.UNAUTHORIZED);
        }
    }

    @Test
    void malformedJsonGetsAClearErrorAndServerKeepsServing() throws IOException {
        try (Connection connection = new Connection()) {
            connection.sendRaw("{\"token\": \"s3cret\", \"command\": [1, 2\n".getBytes(StandardCharsets.UTF_8));
            ControlResponse answer = JSON.readValue(connection.readLine(), ControlResponse.class);
            assertThat(answer.exitCode()).isEqualTo(ControlResponse.BAD_REQUEST);
            assertThat(answer.error()).startsWith("not a valid control message");
            assertThat(connection.readLine()).isNull();
        }
        try (Connection connection = new Connection()) {
            assertThat(connection.send(new ControlRequest(TOKEN, "test:say 'fine'")).output()).isEqualTo("fine\n");
        }
    }

    @Test
    void oversizedLineIsRejectedWithoutBufferingIt() throws IOException {
        try (Connection connection = new Connection()) {
            byte[] flood = new byte[ControlFraming.MAX_LINE_BYTES + 1024];
            Arrays.fill(flood, (byte) 'a');
            connection.sendRawIgnoringReset(flood);
            String line = connection.readLine();
            assertThat(line).isNotNull();
            ControlResponse answer = JSON.readValue(line, ControlResponse.class);
            assertThat(answer.exitCode()).isEqualTo(ControlResponse.BAD_REQUEST);
            assertThat(answer.error()).contains("frame length");
        }
        try (Connection connection = new Connection()) {
            assertThat(connection.send(new ControlRequest(TOKEN, "test:say 'after flood'")).output()).isEqualTo("after flood\n");
        }
    }

    /** A raw client: it must be able to send what no well-behaved client would. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader reader;

        Connection() throws IOException {
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(10_000);
            reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        ControlResponse send(ControlRequest request) throws IOException {
            sendRaw((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            String line = readLine();
            assertThat(line).as("an answer").isNotNull();
            return JSON.readValue(line, ControlResponse.class);
        }

        void sendRaw(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        /** The server may close mid-flood; what matters is the answer it sent first. */
        void sendRawIgnoringReset(byte[] bytes) {
            try {
                sendRaw(bytes);
            } catch (IOException expectedWhenServerCloses) {
                // the answer is still in our receive buffer
            }
        }

        String readLine() throws IOException {
            try {
                return reader.readLine();
            } catch (java.net.SocketException reset) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
