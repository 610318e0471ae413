package io.swarmplace.control;

/**
 * Where a running node listens for control requests and the secret a client must present.
 *
 * @param host the loopback address the channel is bound to
 * @param port the TCP port
 * @param token the secret every request must carry
 * @param pid the node's process id
 */
public record ControlEndpoint(String host, int port, String token, long pid) {

    /** Name of the endpoint file inside the node's data directory. */
    public static final String FILE_NAME = "control.json";
}
