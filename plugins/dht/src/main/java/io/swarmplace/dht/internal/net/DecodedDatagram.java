package io.swarmplace.dht.internal.net;

import io.swarmplace.bencode.BValue;
import java.net.InetSocketAddress;

/** A datagram's bencoded content and who sent it. */
public record DecodedDatagram(BValue value, InetSocketAddress sender) {}
