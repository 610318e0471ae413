package io.swarmplace.tracker.internal;

/** The event of an announce (BEP 3; the numbers are BEP 15's). */
enum AnnounceEvent {
    NONE,
    COMPLETED,
    STARTED,
    STOPPED;

    /** BEP 15's event field: 0 none, 1 completed, 2 started, 3 stopped. */
    static AnnounceEvent fromUdp(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> COMPLETED;
            case 2 -> STARTED;
            case 3 -> STOPPED;
            default -> throw new TrackerRequestException("unknown event " + code + "; expected 0 (none), 1 (completed),"
                    + " 2 (started) or 3 (stopped)");
        };
    }

    /** BEP 3's event parameter; "paused" (BEP 21, a partial seed) is a regular announce here. */
    static AnnounceEvent fromHttp(String value) {
        return switch (value) {
            case "", "empty", "paused" -> NONE;
            case "completed" -> COMPLETED;
            case "started" -> STARTED;
            case "stopped" -> STOPPED;
            default -> throw new TrackerRequestException("unknown event '" + printable(value)
                    + "'; expected started, completed, stopped or none");
        };
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 40; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > 40 ? out + "..." : out.toString();
    }
}
