package io.swarmplace.torrent.internal.mse;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class Rc4StreamTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 6229, section 2, 40-bit key 0x0102030405: keystream at offsets 0 and 1024. */
    @Test
    void matchesTheRfc6229Vectors() {
        byte[] key = HEX.parseHex("0102030405");
        byte[] start = new Rc4Stream(key, 0).apply(new byte[16]);
        byte[] afterDiscard = new Rc4Stream(key, 1024).apply(new byte[16]);
        assertThat(HEX.formatHex(start)).isEqualTo("b2396305f03dc027ccc3524a0a1118a8");
        assertThat(HEX.formatHex(afterDiscard)).isEqualTo("30abbcc7c20b01609f23ee2d5f6bb7df");
    }

    @Test
    void matchesTheJdkCipherAcrossUnevenPiecesAndBufferKinds() throws Exception {
        Random random = new Random(6229);
        byte[] key = new byte[20];
        random.nextBytes(key);
        byte[] plain = new byte[200_000];
        random.nextBytes(plain);
        Cipher jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        jdk.update(new byte[1024]);
        byte[] expected = jdk.update(plain);

        Rc4Stream ours = new Rc4Stream(key);
        ByteBuf out = Unpooled.buffer();
        for (int offset = 0; offset < plain.length; ) {
            int length = Math.min(plain.length - offset, 1 + random.nextInt(40_000));
            ByteBuf source = Unpooled.wrappedBuffer(plain, offset, length);
            ByteBuf target = random.nextBoolean() ? Unpooled.buffer(length) : Unpooled.directBuffer(length);
            ours.apply(source, target);
            out.writeBytes(target);
            target.release();
            offset += length;
        }
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(expected);
        out.release();
    }
}
