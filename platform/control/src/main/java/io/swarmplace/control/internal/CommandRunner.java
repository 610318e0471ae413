package io.swarmplace.control.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.swarmplace.control.ControlRequest;
import io.swarmplace.control.ControlResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs each request's command line in one shell session per connection, so a remote shell keeps its
 * variables between lines. Commands may block (downloads, bundle starts): this handler is added to the
 * pipeline with its own executor, never on the event loop.
 */
final class CommandRunner extends SimpleChannelInboundHandler<ControlRequest> {

    private final CommandProcessor processor;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private CommandSession session;

    CommandRunner(CommandProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ControlRequest request) {
        ctx.writeAndFlush(run(request.command() == null ? "" : request.command()));
    }

    private ControlResponse run(String commandLine) {
        captured.reset();
        try {
            Object result = session.execute(commandLine);
            if (result != null) {
                session.getConsole().println(session.format(result, Converter.INSPECT));
            }
            return ControlResponse.ok(output());
        } catch (Exception e) {
            int exitCode = isSyntaxError(e) ? ControlResponse.BAD_REQUEST : ControlResponse.COMMAND_FAILED;
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            return ControlResponse.failure(exitCode, output(), message, e.getClass().getSimpleName());
        }
    }

    private String output() {
        session.getConsole().flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static boolean isSyntaxError(Exception e) {
        return e.getClass().getSimpleName().equals("SyntaxError");
    }
}
