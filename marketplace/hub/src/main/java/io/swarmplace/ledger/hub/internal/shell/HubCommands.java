package io.swarmplace.ledger.hub.internal.shell;

import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.hub.HubClientInfo;
import io.swarmplace.ledger.hub.HubStatus;
import io.swarmplace.ledger.hub.KeyAccounts;
import io.swarmplace.ledger.hub.LedgerHub;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands {@code hub:status}, {@code hub:clients} and {@code hub:keys}. */
@Component(
        service = HubCommands.class,
        property = {
            "osgi.command.scope=hub",
            "osgi.command.function=status",
            "osgi.command.function=clients",
            "osgi.command.function=keys"
        })
public class HubCommands {

    private static final String DISABLED = "Ledger hub disabled (set enabled=true in PID io.swarmplace.ledger.hub.server)";

    private final LedgerHub hub;

    @Activate
    public HubCommands(@Reference LedgerHub hub) {
        this.hub = hub;
    }

    @Descriptor("shows where the ledger hub listens, its connections and how many requests it answered and refused")
    public String status() {
        HubStatus status = hub.status();
        if (status == null) {
            return DISABLED;
        }
        return "Ledger hub\n"
                + "  listening:   " + status.address() + (status.tls() ? " (TLS)" : " (plain TCP)") + '\n'
                + "  connections: " + status.connections() + '\n'
                + "  requests:    " + status.requests() + " (" + status.refused() + " refused)";
    }

    @Descriptor("lists the open connections: remote address, the key of their last request, requests")
    public String clients() {
        List<HubClientInfo> clients = hub.clients();
        if (clients.isEmpty()) {
            return hub.status() == null ? DISABLED : "No connections";
        }
        StringBuilder out = new StringBuilder(String.format("%-24s %-64s %9s", "REMOTE", "KEY", "REQUESTS"));
        for (HubClientInfo client : clients) {
            out.append('\n').append(String.format("%-24s %-64s %9d", client.remote(), client.lastKey(), client.requests()));
        }
        return out.toString();
    }

    @Descriptor("lists every key that opened accounts through the hub, its last sequence and its accounts")
    public String keys() {
        List<KeyAccounts> keys = hub.keys();
        if (keys.isEmpty()) {
            return hub.status() == null ? DISABLED : "No keys have opened accounts";
        }
        StringBuilder out = new StringBuilder(String.format("%-64s %18s  %s", "KEY", "LAST SEQUENCE", "ACCOUNTS"));
        for (KeyAccounts key : keys) {
            out.append('\n').append(String.format("%-64s %18d  %s", key.key(), key.lastSequence(),
                    key.accounts().stream().map(Id128::toString).collect(Collectors.joining(" "))));
        }
        return out.toString();
    }
}
