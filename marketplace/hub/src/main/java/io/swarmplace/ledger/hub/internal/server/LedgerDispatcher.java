package io.swarmplace.ledger.hub.internal.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.internal.wire.HubOperation;
import io.swarmplace.ledger.hub.internal.wire.HubRequest;
import io.swarmplace.ledger.hub.internal.wire.HubRequestException;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands authenticated requests to the ledger on the hub's ledger threads. Pipelined requests of one
 * connection run concurrently, so the ledger's writer batches them together; each response carries its
 * request's sequence, so the client matches answers that arrive out of order.
 */
@Sharable
final class LedgerDispatcher extends SimpleChannelInboundHandler<AuthenticatedRequest> {

    private static final Logger LOG = Logger.getLogger(LedgerDispatcher.class.getName());

    private final LedgerOperations operations;
    private final Executor ledgerThreads;
    private final HubCounters counters;

    LedgerDispatcher(LedgerOperations operations, Executor ledgerThreads, HubCounters counters) {
        this.operations = operations;
        this.ledgerThreads = ledgerThreads;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AuthenticatedRequest authenticated) {
        SignedRequest signed = authenticated.signed();
        HubRequest request = signed.request();
        HubOperation operation = HubOperation.named(request.operation()).orElseThrow(() -> new HubRequestException(
                HubError.UNKNOWN_OPERATION, request.sequence(), "'" + request.operation() + "' is not a hub operation"));
        try {
            ledgerThreads.execute(() -> ctx.writeAndFlush(answer(authenticated, operation)));
        } catch (RejectedExecutionException e) {
            throw new HubRequestException(HubError.LEDGER_UNAVAILABLE, request.sequence(), "the hub is shutting down");
        }
    }

    private HubResponse answer(AuthenticatedRequest authenticated, HubOperation operation) {
        SignedRequest signed = authenticated.signed();
        long sequence = signed.request().sequence();
        try {
            HubResponse response = HubResponse.ok(sequence, operations.execute(signed.publicKey(), operation,
                    signed.request().arguments(), sequence));
            // No answer before the sequence is on disk. The force runs alongside the ledger call: if the hub
            // dies between the two, a replay may run the request again, and its ids make that answer EXISTS.
            authenticated.sequence().awaitDurable();
            counters.answered();
            return response;
        } catch (HubRequestException e) {
            counters.refused();
            return e.response();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "hub request " + operation + " failed", e);
            counters.refused();
            return HubResponse.refused(sequence, HubError.INTERNAL_ERROR, e.toString());
        }
    }
}
