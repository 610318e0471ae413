package io.swarmplace.ledger.hub.internal.server;

import io.swarmplace.ledger.hub.internal.store.SequenceStore;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;

/** A request whose signature, timestamp and sequence passed; its sequence is written, maybe not yet durable. */
record AuthenticatedRequest(SignedRequest signed, SequenceStore.Accepted sequence) {}
