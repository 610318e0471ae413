package io.swarmplace.torrent.internal.wire;

/** Message ids on the wire (BEP 3, 5, 6, 10; BEP 4 lists them). */
final class MessageIds {

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int NOT_INTERESTED = 3;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int CANCEL = 8;
    static final int PORT = 9;
    static final int SUGGEST_PIECE = 0x0D;
    static final int HAVE_ALL = 0x0E;
    static final int HAVE_NONE = 0x0F;
    static final int REJECT_REQUEST = 0x10;
    static final int ALLOWED_FAST = 0x11;
    static final int EXTENDED = 20;

    private MessageIds() {}

    static String name(int id) {
        return switch (id) {
            case CHOKE -> "choke";
            case UNCHOKE -> "unchoke";
            case INTERESTED -> "interested";
            case NOT_INTERESTED -> "not interested";
            case HAVE -> "have";
            case BITFIELD -> "bitfield";
            case REQUEST -> "request";
            case PIECE -> "piece";
            case CANCEL -> "cancel";
            case PORT -> "port";
            case SUGGEST_PIECE -> "suggest piece";
            case HAVE_ALL -> "have all";
            case HAVE_NONE -> "have none";
            case REJECT_REQUEST -> "reject request";
            case ALLOWED_FAST -> "allowed fast";
            case EXTENDED -> "extended";
            default -> "message " + id;
        };
    }
}
