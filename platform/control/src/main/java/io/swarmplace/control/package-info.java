/**
 * The wire format of the node's local control channel: newline-delimited JSON, one {@link
 * ControlRequest} answered by one {@link ControlResponse}, over TCP on the loopback interface. A
 * running node publishes where to reach it and its secret in {@link ControlEndpoint#FILE_NAME} in its
 * data directory, readable by its owner only.
 */
@Export
@Version("1.0.0")
package io.swarmplace.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
