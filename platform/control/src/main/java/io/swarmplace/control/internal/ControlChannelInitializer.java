package io.swarmplace.control.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;
import io.swarmplace.control.ControlRequest;
import io.swarmplace.control.codec.ControlFraming;
import io.swarmplace.control.codec.JsonLineDecoder;
import io.swarmplace.control.codec.JsonLineEncoder;
import org.apache.felix.service.command.CommandProcessor;

/**
 * The control channel's pipeline, one handler per concern: line framing, JSON decoding, token check,
 * then command execution on {@code commandGroup} (commands block; the event loop must not), and last
 * the answer to anything malformed.
 */
final class ControlChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final CommandProcessor processor;
    private final EventExecutorGroup commandGroup;
    private final TokenCheck tokenCheck;
    private final JsonLineEncoder encoder = new JsonLineEncoder();
    private final ProtocolErrorHandler errors = new ProtocolErrorHandler();

    ControlChannelInitializer(String token, CommandProcessor processor, EventExecutorGroup commandGroup) {
        this.processor = processor;
        this.commandGroup = commandGroup;
        this.tokenCheck = new TokenCheck(token);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("framing", ControlFraming.newFrameDecoder())
                .addLast("encoder", encoder)
                .addLast("decoder", new JsonLineDecoder<>(ControlRequest.class))
                .addLast("token", tokenCheck)
                .addLast(commandGroup, "commands", new CommandRunner(processor))
                .addLast("errors", errors);
    }
}
