#!/usr/bin/python3
"""tui_latency.py — measures how long `presscut tui` takes to show a typed key (keystroke to screen) and to
show the results once typing pauses, on a real terminal (a pseudo-terminal, 80x24), typing like a person:
one key every 70 ms, a pause after each query. A key's delay is the time from writing it to the terminal to
the first output that holds it (a frame comes in a burst of writes: the first is the earliest sign on screen).

  tests/bench/tui_latency.py --presscut build/presscut --db /tmp/all.db [--queries 'ukraine' 'oil prices' ...]

Prints every query's figures, then the median and worst keystroke-to-screen delay and time to results."""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

DEFAULT_QUERIES = ["ukraine", "putin kremlin", "cyber attack", "Київ", "oil prices", "election results",
                   "нафта", "bank", "government minister said", "war"]


def read_until(fd, wanted, timeout):
    """Reads from fd until `wanted` (bytes) is in what came, or timeout s; returns (arrival time, output)."""
    got = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        got += chunk
        if wanted in got:
            return time.monotonic(), got
    return None, got


def drain(fd, quiet):
    """Reads until nothing comes for `quiet` s."""
    while select.select([fd], [], [], quiet)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--presscut", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--queries", nargs="*", default=DEFAULT_QUERIES)
    ap.add_argument("--key-ms", type=float, default=70)
    a = ap.parse_args()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", NO_COLOR="1")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(a.presscut, [a.presscut, "--db", a.db, "tui"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    if read_until(fd, b"type a query", 30)[0] is None:
        sys.exit("the screen did not come up")
    drain(fd, 0.5)
    key_delays, result_delays = [], []
    for query in a.queries:
        for ch in query:
            data = ch.encode()
            sent = time.monotonic()
            os.write(fd, data)
            arrived, _ = read_until(fd, data, 10)
            if arrived is None:
                sys.exit("key %r was not shown within 10 s" % ch)
            key_delays.append((arrived - sent) * 1000)
            rest = a.key_ms / 1000 - (time.monotonic() - sent)
            if rest > 0:
                time.sleep(rest)
        last = time.monotonic()
        arrived, _ = read_until(fd, b" match", 120)
        # typing slower than the debounce, the results of the whole query may be up before the wait starts:
        # such a query gives no figure
        if arrived:
            result_delays.append((arrived - last) * 1000)
        print("%-28s keys: median %5.1f ms, worst %6.1f ms; results after the last key: %s" %
              (query, statistics.median(key_delays[-len(query):]), max(key_delays[-len(query):]),
               "%.1f ms" % result_delays[-1] if arrived else "already shown"))
        drain(fd, 0.3)
        os.write(fd, b"\x15")  # Ctrl-U: an empty query line for the next one
        read_until(fd, b"type a query", 10)
        drain(fd, 0.3)
    os.write(fd, b"\x03")
    os.waitpid(pid, 0)
    print("keystroke to screen over %d keys: median %.1f ms, worst %.1f ms" %
          (len(key_delays), statistics.median(key_delays), max(key_delays)))
    if result_delays:
        print("results after typing pauses over %d queries: median %.1f ms, worst %.1f ms" %
              (len(result_delays), statistics.median(result_delays), max(result_delays)))


if __name__ == "__main__":
    main()
