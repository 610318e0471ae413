"""Drives one libtorrent session for Swarmplace's interop tests (io.swarmplace.testing.peers.LibtorrentPeer).

Protocol: one JSON object per line on stdin ({"cmd": ..., ...}); exactly one JSON object per line on
stdout in reply, {"error": "..."} when the command failed. Alerts worth knowing go to stderr, one per
line, which the Java side drains into its log. Runs only under Debian's /usr/bin/python3 (that is where
python3-libtorrent installs). Single-threaded: alerts are handled between commands and while a command
waits, so nothing here blocks without a deadline.
"""
import hashlib
import json
import os
import select
import sys
import time

import libtorrent as lt

LOGGED_ALERTS = (
    "listen_failed_alert", "listen_succeeded_alert", "torrent_error_alert", "file_error_alert",
    "tracker_error_alert", "tracker_warning_alert", "tracker_reply_alert", "scrape_failed_alert",
    "torrent_finished_alert", "hash_failed_alert", "metadata_received_alert", "metadata_failed_alert",
    "peer_error_alert", "peer_connect_alert", "peer_disconnected_alert", "incoming_connection_alert",
    "add_torrent_alert", "torrent_removed_alert", "torrent_checked_alert", "dht_bootstrap_alert",
    "dht_error_alert", "dht_put_alert", "dht_immutable_item_alert", "dht_mutable_item_alert", "session_error_alert",
    "udp_error_alert", "fastresume_rejected_alert", "invalid_request_alert", "torrent_paused_alert",
    "torrent_resumed_alert", "scrape_reply_alert",
)


def as_bytes(value):
    """The bindings hand some byte fields over as str (one char per byte) and others as bytes."""
    return value.encode("latin-1") if isinstance(value, str) else bytes(value)


def mutable_key(public_key, salt):
    return as_bytes(public_key).hex() + "/" + as_bytes(salt).hex()


class CommandError(Exception):
    pass


def log(text):
    sys.stderr.write("%.3f %s\n" % (time.time(), text))
    sys.stderr.flush()


def hex_of(info_hashes):
    v1 = info_hashes.v1
    if v1.is_all_zeros():
        raise CommandError("torrent has no v1 (SHA-1) info-hash; Swarmplace tests use v1 or hybrid torrents")
    return str(v1)


def info_hash_of_alert(alert):
    """The v1 info-hash of a torrent alert's torrent, or None once the torrent is gone."""
    try:
        return hex_of(alert.handle.info_hashes())
    except (RuntimeError, CommandError):
        return None


class Driver:
    def __init__(self):
        self.session = None
        self.port = None
        self.handles = {}
        self.listen_failures = []
        self.listening = False
        self.dht_items = {}
        self.dht_puts = {}
        self.dht_stats = None
        self.announces = {}
        self.scrapes = {}

    # ---------- alerts ----------
    def pump(self):
        if self.session is None:
            return
        for alert in self.session.pop_alerts():
            name = type(alert).__name__
            if name == "listen_failed_alert":
                self.listen_failures.append(alert.message())
            elif name == "listen_succeeded_alert":
                self.listening = True
            elif name == "dht_immutable_item_alert":
                try:
                    self.dht_items[str(alert.target)] = alert.item
                except RuntimeError:  # the lookup ended without the item: its entry is undefined
                    self.dht_items[str(alert.target)] = None
            elif name == "dht_put_alert":
                if any(as_bytes(alert.public_key)):  # a mutable put: known by key and salt
                    self.dht_puts[mutable_key(alert.public_key, alert.salt)] = alert.num_success
                else:
                    self.dht_puts[str(alert.target)] = alert.num_success
            elif name == "dht_mutable_item_alert":
                key = mutable_key(alert.key, alert.salt)
                self.dht_items[key] = {"value": alert.item, "seq": alert.seq, "authoritative": alert.authoritative}
            elif name == "dht_stats_alert":
                self.dht_stats = sum(bucket["num_nodes"] for bucket in alert.routing_table)
            elif name in ("tracker_reply_alert", "tracker_error_alert"):
                info_hash = info_hash_of_alert(alert)
                if info_hash is not None:
                    failed = name == "tracker_error_alert"
                    self.announces.setdefault(info_hash, []).append({
                        "trackerUrl": alert.tracker_url(),
                        "peers": 0 if failed else alert.num_peers,
                        "error": alert.message() if failed else "",
                    })
            elif name in ("scrape_reply_alert", "scrape_failed_alert"):
                info_hash = info_hash_of_alert(alert)
                if info_hash is not None:
                    if name == "scrape_failed_alert":
                        self.scrapes[info_hash] = {"error": alert.message()}
                    else:
                        self.scrapes[info_hash] = {"complete": alert.complete, "incomplete": alert.incomplete}
            if name in LOGGED_ALERTS:
                log("%s: %s" % (name, alert.message()))

    def wait_until(self, condition, timeout):
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            if condition():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.session.wait_for_alert(int(min(remaining, 0.05) * 1000) + 1)

    # ---------- helpers ----------
    def require_session(self):
        if self.session is None:
            raise CommandError("no session: send start first")
        return self.session

    def handle(self, command):
        info_hash = command.get("infoHash", "").lower()
        handle = self.handles.get(info_hash)
        if handle is None:
            raise CommandError("no torrent with info-hash %s in this session (known: %s)"
                               % (info_hash, sorted(self.handles)))
        return handle

    def add(self, params, save_dir):
        session = self.require_session()
        params.save_path = save_dir
        params.flags &= ~lt.torrent_flags.auto_managed
        params.flags &= ~lt.torrent_flags.paused
        params.flags |= lt.torrent_flags.duplicate_is_error
        handle = session.add_torrent(params)
        info_hash = hex_of(handle.info_hashes())
        self.handles[info_hash] = handle
        return {"infoHash": info_hash}

    # ---------- commands ----------
    def cmd_start(self, command):
        if self.session is not None:
            raise CommandError("session already started on port %d" % self.port)
        port = int(command["port"])
        dht = bool(command.get("dht", False))
        settings = lt.high_performance_seed() if command.get("fastSeeder") else lt.default_settings()
        settings.update({
            "listen_interfaces": "127.0.0.1:%d" % port,
            "outgoing_interfaces": "127.0.0.1",
            "enable_dht": dht,
            "enable_lsd": False,
            "enable_upnp": False,
            "enable_natpmp": False,
            "allow_multiple_connections_per_ip": True,
            "max_retry_port_bind": 0,
            "listen_system_port_fallback": False,
            "enable_outgoing_utp": False,
            "enable_incoming_utp": False,
            "dht_bootstrap_nodes": "",
            "dht_restrict_routing_ips": False,
            "dht_restrict_search_ips": False,
            "user_agent": "swarmplace-test-libtorrent/" + lt.__version__,
            "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification
            | lt.alert.category_t.storage_notification | lt.alert.category_t.tracker_notification
            | lt.alert.category_t.connect_notification | lt.alert.category_t.dht_notification
            | lt.alert.category_t.dht_operation_notification,
        })
        settings.update(command.get("settings", {}))
        self.session = lt.session(settings)
        self.port = port
        timeout = float(command.get("timeoutSeconds", 10))
        self.wait_until(lambda: self.listening or self.listen_failures, timeout)
        # Give a failure on the second socket (TCP vs UDP) a moment to surface too.
        self.wait_until(lambda: self.listen_failures, 0.2)
        if self.listen_failures:
            raise CommandError("libtorrent could not listen on 127.0.0.1:%d: %s"
                               % (port, "; ".join(self.listen_failures)))
        if not self.listening:
            raise CommandError("libtorrent reported neither success nor failure listening on 127.0.0.1:%d within %ss"
                               % (port, timeout))
        return {"port": self.session.listen_port(), "version": lt.__version__}

    def cmd_add(self, command):
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(command["torrent"])
        if command.get("seedMode"):
            params.flags |= lt.torrent_flags.seed_mode
        return self.add(params, command["saveDir"])

    def cmd_add_magnet(self, command):
        params = lt.parse_magnet_uri(command["uri"])
        return self.add(params, command["saveDir"])

    def cmd_connect(self, command):
        self.handle(command).connect_peer((command["host"], int(command["port"])))
        return {}

    def cmd_status(self, command):
        handle = self.handle(command)
        self.pump()
        status = handle.status()
        peers = []
        for peer in handle.get_peer_info():
            client = peer.client
            if isinstance(client, bytes):
                client = client.decode("utf-8", "replace")
            peers.append({
                "ip": peer.ip[0], "port": peer.ip[1], "client": client,
                "upBytes": peer.total_upload, "downBytes": peer.total_download,
                "seed": bool(peer.flags & lt.peer_info.seed),
                "downloadQueue": peer.download_queue_length,
                "downRate": peer.down_speed,
            })
        return {
            "state": str(status.state).split(".")[-1],
            "progress": status.progress,
            "totalDone": status.total_done,
            "totalWanted": status.total_wanted,
            "totalUpload": status.total_payload_upload,
            "totalDownload": status.total_payload_download,
            "numPeers": status.num_peers,
            "numPieces": status.num_pieces,
            "hasMetadata": status.has_metadata,
            "isFinished": status.is_finished,
            "isSeeding": status.is_seeding,
            "paused": bool(status.flags & lt.torrent_flags.paused),
            "torrentError": status.errc.message() if status.errc.value() else "",
            "peers": peers,
        }

    def cmd_pause(self, command):
        self.handle(command).pause()
        return {}

    def cmd_resume(self, command):
        self.handle(command).resume()
        return {}

    def cmd_recheck(self, command):
        self.handle(command).force_recheck()
        return {}

    def cmd_announces(self, command):
        self.handle(command)
        self.pump()
        return {"announces": self.announces.get(command["infoHash"].lower(), [])}

    def cmd_scrape(self, command):
        handle = self.handle(command)
        info_hash = command["infoHash"].lower()
        self.scrapes.pop(info_hash, None)
        handle.scrape_tracker()
        timeout = float(command.get("timeoutSeconds", 10))
        if not self.wait_until(lambda: info_hash in self.scrapes, timeout):
            raise CommandError("no scrape reply or failure for %s within %ss" % (info_hash, timeout))
        result = self.scrapes[info_hash]
        if "error" in result:
            raise CommandError("scrape failed: %s" % result["error"])
        return result

    def cmd_remove(self, command):
        handle = self.handle(command)
        self.require_session().remove_torrent(handle)
        del self.handles[command["infoHash"].lower()]
        return {}

    def cmd_info_hash(self, command):
        return {"infoHash": hex_of(lt.torrent_info(command["torrent"]).info_hashes())}

    def cmd_torrent_view(self, command):
        info = lt.torrent_info(command["torrent"])
        files = info.files()
        return {
            "infoHash": hex_of(info.info_hashes()),
            "files": [{
                "path": files.file_path(i).replace(os.sep, "/"),
                "size": files.file_size(i),
                "padding": bool(files.file_flags(i) & lt.file_storage.flag_pad_file),
            } for i in range(files.num_files())],
            "pieces": info.num_pieces(),
            "pieceLength": info.piece_length(),
            "privateTorrent": bool(info.priv()),
        }

    def cmd_create(self, command):
        content = os.path.abspath(command["content"])
        storage = lt.file_storage()
        if os.path.isdir(content):
            # lt.add_files keeps the directory's listing order; mktorrent (and most creators) sort by path,
            # so sort too: the same content then gives the same info dict and info-hash.
            root = os.path.basename(content)
            found = []
            for directory, _, names in os.walk(content):
                for name in names:
                    full = os.path.join(directory, name)
                    found.append((os.path.relpath(full, content).replace(os.sep, "/"), os.path.getsize(full)))
            for relative, size in sorted(found, key=lambda entry: entry[0].encode("utf-8")):
                storage.add_file(root + "/" + relative, size)
        else:
            lt.add_files(storage, content)
        if storage.num_files() == 0:
            raise CommandError("no files to put in a torrent under %s" % content)
        creator = lt.create_torrent(storage, int(command["pieceSize"]), lt.create_torrent.v1_only)
        for tier, tracker in enumerate(command.get("trackers", [])):
            creator.add_tracker(tracker, tier)
        lt.set_piece_hashes(creator, os.path.dirname(content))
        with open(command["out"], "wb") as out:
            out.write(lt.bencode(creator.generate()))
        return {"infoHash": hex_of(lt.torrent_info(command["out"]).info_hashes())}

    def cmd_add_dht_node(self, command):
        self.require_session().add_dht_node((command["host"], int(command["port"])))
        return {}

    def cmd_dht_put_immutable(self, command):
        session = self.require_session()
        target = str(session.dht_put_immutable_item(command["value"].encode("utf-8")))
        self.dht_puts.pop(target, None)
        self.wait_until(lambda: target in self.dht_puts, float(command.get("timeoutSeconds", 10)))
        return {"target": target, "nodes": self.dht_puts.get(target, 0)}

    def cmd_dht_get_immutable(self, command):
        session = self.require_session()
        target = command["target"].lower()
        self.dht_items.pop(target, None)
        session.dht_get_immutable_item(lt.sha1_hash(bytes.fromhex(target)))
        self.wait_until(lambda: target in self.dht_items, float(command.get("timeoutSeconds", 10)))
        item = self.dht_items.get(target)
        if isinstance(item, dict):  # the bindings give {"key": target, "value": the bdecoded item}
            item = item.get("value")
        if isinstance(item, bytes):
            return {"found": True, "value": item.decode("utf-8", "replace")}
        return {"found": False}

    def cmd_dht_put_mutable(self, command):
        """Signs with libtorrent's own ed25519 (its 64-byte secret key is SHA-512 of the seed, clamped) and puts
        the UTF-8 text as a bencoded string; libtorrent takes seq one above the highest it finds."""
        session = self.require_session()
        seed = bytes.fromhex(command["seedHex"])
        public_key = bytes.fromhex(command["publicKeyHex"])
        secret = bytearray(hashlib.sha512(seed).digest())
        secret[0] &= 248
        secret[31] &= 127
        secret[31] |= 64
        salt = command.get("salt", "").encode("utf-8")
        key = mutable_key(public_key, salt)
        self.dht_puts.pop(key, None)
        session.dht_put_mutable_item(bytes(secret), public_key, command["value"].encode("utf-8"), salt)
        self.wait_until(lambda: key in self.dht_puts, float(command.get("timeoutSeconds", 10)))
        return {"nodes": self.dht_puts.get(key, 0)}

    def cmd_dht_get_mutable(self, command):
        session = self.require_session()
        public_key = bytes.fromhex(command["publicKeyHex"])
        salt = command.get("salt", "").encode("utf-8")
        key = mutable_key(public_key, salt)
        self.dht_items.pop(key, None)
        session.dht_get_mutable_item(public_key, salt)
        self.wait_until(lambda: (self.dht_items.get(key) or {}).get("authoritative", False),
                        float(command.get("timeoutSeconds", 10)))
        item = self.dht_items.get(key)
        value = item["value"] if item is not None else None
        if isinstance(value, dict):  # like immutable items: {"key": ..., "value": the bdecoded item}
            value = value.get("value")
        if not isinstance(value, (bytes, str)):
            return {"found": False}
        return {"found": True, "value": as_bytes(value).decode("utf-8", "replace"), "seq": item["seq"]}

    def cmd_dht_node_count(self, command):
        session = self.require_session()
        self.dht_stats = None
        session.post_dht_stats()
        self.wait_until(lambda: self.dht_stats is not None, 5)
        return {"nodes": self.dht_stats or 0}

    def cmd_quit(self, command):
        for handle in list(self.handles.values()):
            self.session.remove_torrent(handle)
        self.handles.clear()
        return {}


def main():
    driver = Driver()
    buffered = b""
    while True:
        ready, _, _ = select.select([0], [], [], 0.1)
        if not ready:
            driver.pump()
            continue
        chunk = os.read(0, 65536)
        if not chunk:
            return
        buffered += chunk
        while b"\n" in buffered:
            line, buffered = buffered.split(b"\n", 1)
            if not line.strip():
                continue
            command = {}
            try:
                command = json.loads(line)
                name = command.get("cmd", "")
                method = getattr(driver, "cmd_" + name, None)
                if method is None:
                    raise CommandError("unknown command %r" % name)
                reply = method(command)
            except CommandError as error:
                reply = {"error": str(error)}
            except Exception as error:  # the Java side turns this into an exception naming the command
                reply = {"error": "%s: %s" % (type(error).__name__, error)}
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
            if command.get("cmd") == "quit":
                return


if __name__ == "__main__":
    main()
