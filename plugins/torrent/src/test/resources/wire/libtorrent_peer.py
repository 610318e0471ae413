"""A libtorrent seeder on 127.0.0.1 for the wire interop tests, driven over stdin/stdout.

Usage: /usr/bin/python3 libtorrent_peer.py WORKDIR

Creates two single-file v1 torrents in WORKDIR ("main", 2 MiB in 256 KiB pieces, and "foreign",
64 KiB), seeds both, then prints tab-separated lines: "port\tPORT", then "NAME\tTORRENT\tDATA" for
each torrent, then "ready". Then reads commands, one a line, answering each with "ok" or "error ...":
  connect NAME PORT   dial 127.0.0.1:PORT for torrent NAME
  quit                exit
It exits on end of input too, so it never outlives the test that started it.
"""
import os
import sys
import time

import libtorrent as lt


def make_torrent(workdir, name, size, piece_size):
    folder = os.path.join(workdir, name)
    os.makedirs(folder, exist_ok=True)
    data = os.path.join(folder, name + ".bin")
    with open(data, "wb") as out:
        out.write(os.urandom(size))
    files = lt.file_storage()
    lt.add_files(files, data)
    creator = lt.create_torrent(files, piece_size, flags=lt.create_torrent.v1_only)
    lt.set_piece_hashes(creator, folder)
    path = os.path.join(workdir, name + ".torrent")
    with open(path, "wb") as out:
        out.write(lt.bencode(creator.generate()))
    return path, data, folder


def main():
    workdir = sys.argv[1]
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
        # plaintext only: an encrypted (MSE) handshake is not what these tests are about
        "out_enc_policy": int(lt.enc_policy.pe_disabled),
        "in_enc_policy": int(lt.enc_policy.pe_disabled),
        "alert_mask": int(lt.alert.category_t.error_notification),
    })
    if session.listen_port() == 0:
        raise SystemExit("libtorrent could not listen on 127.0.0.1")

    handles = {}
    described = {}
    for name, size, piece_size in (("main", 2 * 1024 * 1024, 256 * 1024), ("foreign", 64 * 1024, 16 * 1024)):
        path, data, folder = make_torrent(workdir, name, size, piece_size)
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(path)
        params.save_path = folder
        params.flags = lt.torrent_flags.seed_mode
        handles[name] = session.add_torrent(params)
        described[name] = {"torrent": path, "data": data}

    deadline = time.time() + 30
    while not all(h.status().is_seeding for h in handles.values()):
        if time.time() > deadline:
            raise SystemExit("libtorrent did not start seeding within 30 s")
        time.sleep(0.05)

    print("port\t%d" % session.listen_port())
    for name, paths in described.items():
        print("%s\t%s\t%s" % (name, paths["torrent"], paths["data"]))
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "connect" and len(words) == 3 and words[1] in handles:
            handles[words[1]].connect_peer(("127.0.0.1", int(words[2])))
            print("ok", flush=True)
        else:
            print("error unknown command: " + line.strip(), flush=True)


if __name__ == "__main__":
    main()
