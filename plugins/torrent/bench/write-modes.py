#!/usr/bin/env python3
"""Kernel CPU of writing 1 GiB into a new file three ways (pwrite into the page cache, stores into an mmap,
O_DIRECT pwrite from one aligned buffer), each right after another 1 GiB file was deleted and 6 s later.

On a VM that hands freed memory back to its host (Linux page_reporting), page-cache writes that land on
such memory cost far more kernel time than writes onto memory freed a moment ago; this separates that
effect from the engine. Usage: plugins/torrent/bench/write-modes.py [DIR (default /tmp)]
"""
import mmap
import os
import resource
import sys
import time

MIB = 1 << 20
COUNT = 1024
DATA = os.urandom(MIB)


def kernel_seconds():
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


def timed(open_flags, write_all):
    def run(path):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | open_flags)
        try:
            kernel, start = kernel_seconds(), time.monotonic()
            write_all(fd)
            return time.monotonic() - start, kernel_seconds() - kernel
        finally:
            os.close(fd)
    return run


def pwrites(fd):
    for i in range(COUNT):
        os.pwrite(fd, DATA, i * MIB)


def mapped_stores(fd):
    os.ftruncate(fd, COUNT * MIB)
    with mmap.mmap(fd, COUNT * MIB) as mapped:
        for i in range(COUNT):
            mapped[i * MIB:(i + 1) * MIB] = DATA


def direct_pwrites(fd):
    with mmap.mmap(-1, MIB) as aligned:  # anonymous maps are page-aligned, as O_DIRECT needs
        aligned.write(DATA)
        for i in range(COUNT):
            os.pwritev(fd, [aligned], i * MIB)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
    freed, target = os.path.join(folder, "write-modes-freed.bin"), os.path.join(folder, "write-modes-target.bin")
    modes = [("pwrite", timed(0, pwrites)), ("mmap", timed(0, mapped_stores)),
             ("O_DIRECT", timed(os.O_DIRECT, direct_pwrites))]
    for name, run in modes:
        for pause in (0, 6):
            timed(0, pwrites)(freed)
            os.unlink(freed)
            time.sleep(pause)
            wall, kernel = run(target)
            os.unlink(target)
            print(f"{name:8s} {pause} s after freeing 1 GiB: wall {wall:.2f} s, kernel {kernel:.2f} s", flush=True)


if __name__ == "__main__":
    main()
