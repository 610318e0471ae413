package io.swarmplace.dht.internal.routing;

import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * BEP 42 node ids bound to the node's IP: the first 21 bits are CRC32-C of the masked IP (with 3
 * random bits folded into its top), and the last byte carries those 3 bits, so anyone can check an id
 * against the address it comes from. Nodes on local networks are exempt.
 */
public final class SecureNodeIds {

    private static final byte[] V4_MASK = {0x03, 0x0f, 0x3f, (byte) 0xff};
    private static final byte[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff};

    private SecureNodeIds() {}

    /** A secure id for {@code ip} from {@code random}. */
    public static NodeId generate(InetAddress ip, Random random) {
        int rand = random.nextInt(256);
        byte[] id = new byte[NodeId.LENGTH];
        random.nextBytes(id);
        return generate(ip, rand, id);
    }

    /** The secure id for {@code ip} with BEP 42's {@code rand} byte, other bytes taken from {@code filler}. */
    static NodeId generate(InetAddress ip, int rand, byte[] filler) {
        int crc = crc(ip, rand & 7);
        byte[] id = filler.clone();
        id[0] = (byte) (crc >>> 24);
        id[1] = (byte) (crc >>> 16);
        id[2] = (byte) ((crc >>> 8) & 0xf8 | id[2] & 0x07);
        id[19] = (byte) rand;
        return NodeId.of(id);
    }

    /** True if {@code id} is a valid BEP 42 id for {@code ip}, or {@code ip} is exempt (local). */
    public static boolean isValid(NodeId id, InetAddress ip) {
        if (isExempt(ip)) {
            return true;
        }
        int crc = crc(ip, id.byteAt(19) & 7);
        return id.byteAt(0) == (crc >>> 24 & 0xff)
                && id.byteAt(1) == (crc >>> 16 & 0xff)
                && (id.byteAt(2) & 0xf8) == (crc >>> 8 & 0xf8);
    }

    /** Local addresses BEP 42 leaves alone: loopback, private and link-local ranges. */
    public static boolean isExempt(InetAddress ip) {
        return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                || AddressPolicy.isUniqueLocalIpv6(ip);
    }

    private static int crc(InetAddress ip, int r) {
        byte[] address = ip.getAddress();
        byte[] mask = ip instanceof Inet4Address ? V4_MASK : V6_MASK;
        byte[] masked = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            masked[i] = (byte) (address[i] & mask[i]);
        }
        masked[0] |= (byte) (r << 5);
        CRC32C crc = new CRC32C();
        crc.update(masked);
        return (int) crc.getValue();
    }
}
