#!/usr/bin/env python3
"""Sends GET requests one after another, as fast as they are answered, through the proxy until SIGTERM, on one
keep-alive connection. Like HttpClient, Go's net/http and browsers (RFC 9112 9.3.1), a request whose reused connection
was closed by the server before any answer byte is retried once on a new connection; such retries are counted.
Writes one line per request to OUT: start time (s since epoch), latency (ms), 1 ok / 0 failed, 1 retried / 0.
Usage: routes_load.py HOST PORT HOSTNAME OUT"""
import http.client, signal, sys, time

host, port, name, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
running = True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)

conn = None
def get():
    global conn
    fresh = conn is None
    if fresh:
        conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", "/", headers={"Host": name})
        r = conn.getresponse()
        r.read()
        return r.status, False
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        conn.close()
        conn = None
        if fresh:
            raise
        return get()[0], True

with open(out, "w") as f:
    while running:
        t0 = time.time()
        ok, retried = 0, 0
        try:
            status, again = get()
            ok, retried = (1 if status == 200 else 0), int(again)
        except Exception:
            if conn is not None:
                conn.close()
            conn = None
        f.write(f"{t0:.6f},{(time.time() - t0) * 1000:.3f},{ok},{retried}\n")
