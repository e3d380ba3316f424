#!/usr/bin/env python3
"""Load generator of scripts/bench_serve.sh: posts every document of a JSON Lines corpus to a
running `quotegraph serve` as its own request (`application/json`), from N concurrent clients,
and prints one JSON object: documents, seconds, documents/s, and p50 / p95 / max latency in
seconds. Standard library only.

    bench_serve.py URL CORPUS.jsonl --concurrency N [--token-file F]
"""

import argparse
import concurrent.futures
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

# Longest wait for one answer, in seconds.
REQUEST_TIMEOUT = 600


def percentile(values, share):
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("url", help="the server, e.g. http://127.0.0.1:8750")
    p.add_argument("corpus", help="JSON Lines, one document per line")
    p.add_argument("--concurrency", type=int, default=1, help="clients sending at once")
    p.add_argument("--token-file", help="bearer token file, when the server needs one")
    args = p.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        bodies = [line.strip().encode("utf-8") for line in f if line.strip()]
    target = urllib.parse.urlsplit(args.url)
    headers = {"Content-Type": "application/json"}
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            headers["Authorization"] = "Bearer " + f.read().strip()
    local = threading.local()

    def send(body):
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection(target.hostname, target.port, timeout=REQUEST_TIMEOUT)
        started = time.monotonic()
        local.connection.request("POST", "/v1/extract", body=body, headers=headers)
        response = local.connection.getresponse()
        answer = response.read()
        if response.status != 200:
            raise RuntimeError(f"status {response.status}: {answer[:200]!r}")
        return time.monotonic() - started

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        latencies = list(pool.map(send, bodies))
    seconds = time.monotonic() - started
    json.dump({"concurrency": args.concurrency, "documents": len(bodies), "seconds": round(seconds, 3),
               "docs_per_s": round(len(bodies) / seconds, 2),
               "p50_s": round(statistics.median(latencies), 4), "p95_s": round(percentile(latencies, 0.95), 4),
               "max_s": round(max(latencies), 4)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
