package io.swarmplace.control.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/** Writes a record as one line of JSON; Jackson escapes newlines inside strings, so framing holds. */
@Sharable
public final class JsonLineEncoder extends MessageToByteEncoder<Record> {

    private final ObjectWriter writer = new ObjectMapper().writer();

    public JsonLineEncoder() {
        super(Record.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Record message, ByteBuf out) throws IOException {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            writer.writeValue((java.io.OutputStream) stream, message);
        }
        out.writeByte('\n');
    }
}
