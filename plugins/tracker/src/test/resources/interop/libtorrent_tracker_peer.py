"""A libtorrent 2.0 peer on 127.0.0.1 that finds its swarm through a tracker, driven over stdin/stdout.

Usage: /usr/bin/python3 libtorrent_tracker_peer.py seed|download TORRENT SAVE_DIR [loopback-scrape]

Adds TORRENT (seed: SAVE_DIR holds the data; download: SAVE_DIR is empty) with DHT, LSD, UPnP,
NAT-PMP and uTP off, so the tracker in the .torrent is the only way to find peers; otherwise
libtorrent's defaults (loopback-scrape also lifts its SSRF mitigation, see below). Prints
tab-separated lines:
  port PORT                          once, after listening
  tracker_reply PEERS                after each successful announce (PEERS: how many it got)
  tracker_error MESSAGE              after a failed announce
  finished                           when a download completes (once)
  scrape COMPLETE INCOMPLETE         answer to the "scrape" command (the bindings omit "downloaded")
  scrape_failed MESSAGE
Commands on stdin, one a line: "scrape" (ask the tracker), "quit". Exits on end of input and after
180 s in any case, so it never outlives the test that started it.
"""
import queue
import sys
import threading
import time

import libtorrent as lt


def out(*fields):
    print("\t".join(str(f) for f in fields), flush=True)


def read_commands(commands):
    for line in sys.stdin:
        commands.put(line.strip())
    commands.put("quit")


def main():
    mode, torrent, save_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    allow_loopback_scrape = sys.argv[4:] == ["loopback-scrape"]
    session = lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "allow_multiple_connections_per_ip": True,
        "max_retry_port_bind": 0,
        "listen_system_port_fallback": False,
        "enable_outgoing_utp": False,
        "enable_incoming_utp": False,
        # libtorrent's SSRF mitigation allows HTTP requests to a loopback tracker only at /announce,
        # which blocks its scrapes of a loopback tracker (/scrape); only a peer asked to scrape turns it off.
        "ssrf_mitigation": not allow_loopback_scrape,
        "alert_mask": int(lt.alert.category_t.error_notification
                          | lt.alert.category_t.tracker_notification
                          | lt.alert.category_t.status_notification),
    })
    if session.listen_port() == 0:
        raise SystemExit("libtorrent could not listen on 127.0.0.1")
    out("port", session.listen_port())

    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = save_dir
    if mode == "seed":
        params.flags = lt.torrent_flags.seed_mode
    handle = session.add_torrent(params)

    commands = queue.Queue()
    threading.Thread(target=read_commands, args=(commands,), daemon=True).start()
    deadline = time.time() + 180
    finished = False
    while time.time() < deadline:
        try:
            command = commands.get(timeout=0.05)
        except queue.Empty:
            command = None
        if command == "quit":
            break
        if command == "scrape":
            handle.scrape_tracker()
        for alert in session.pop_alerts():
            if isinstance(alert, lt.tracker_reply_alert):
                out("tracker_reply", alert.num_peers)
            elif isinstance(alert, lt.tracker_error_alert):
                out("tracker_error", alert.message().replace("\t", " "))
            elif isinstance(alert, lt.scrape_reply_alert):
                out("scrape", alert.complete, alert.incomplete)
            elif isinstance(alert, lt.scrape_failed_alert):
                out("scrape_failed", alert.message().replace("\t", " "))
            elif isinstance(alert, lt.torrent_finished_alert) and mode == "download" and not finished:
                finished = True
                out("finished")


if __name__ == "__main__":
    main()
