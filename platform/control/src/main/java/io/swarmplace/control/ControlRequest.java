package io.swarmplace.control;

/**
 * One shell command for the node.
 *
 * @param token the secret from the node's {@link ControlEndpoint}
 * @param command a Gogo command line, e.g. {@code swarmplace:plugins}
 */
public record ControlRequest(String token, String command) {}
