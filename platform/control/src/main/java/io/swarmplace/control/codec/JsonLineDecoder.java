package io.swarmplace.control.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.util.List;

/**
 * Turns one frame (a line, already split by a {@code LineBasedFrameDecoder}) into a record of type
 * {@code T}. A frame that is not a JSON object of that shape fails with a {@link DecoderException}
 * naming the problem, so the peer can be told what was wrong.
 */
public final class JsonLineDecoder<T> extends MessageToMessageDecoder<ByteBuf> {

    private final ObjectReader reader;

    public JsonLineDecoder(Class<T> type) {
        this.reader = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readerFor(type);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try (ByteBufInputStream in = new ByteBufInputStream(frame)) {
            out.add(reader.readValue((java.io.InputStream) in));
        } catch (IOException e) {
            throw new DecoderException("not a valid control message: " + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e.getMessage();
    }
}
