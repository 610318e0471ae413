package io.swarmplace.node;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered once, when the node first becomes ready, with the property {@link
 * NodeStatus#READY_PROPERTY}. Bundles that must wait for the whole core can reference it.
 */
@ConsumerType
public interface NodeReady {}
