#!/usr/bin/env python3
"""Streams a JSON Lines corpus through a running `quotegraph serve` and writes extract's
records, one line per input line, in input order. Standard library only.

    serve_client.py URL CORPUS.jsonl [-o OUT.jsonl] [--lines N] [--token-file F]

The corpus goes in requests of at most --lines lines and MAX_REQUEST_BYTES bytes
(`application/x-ndjson`, under the server's default --max-body); a full server (503) is retried
after the Retry-After it sends. `-` reads standard input.
"""

import argparse
import http.client
import sys
import time
import urllib.parse

# Bytes of JSON Lines per request: under `serve`'s default --max-body (8 MiB).
MAX_REQUEST_BYTES = 4 * 1024 * 1024
# Longest wait for one answer, in seconds.
REQUEST_TIMEOUT = 600
# Tries of one request while the server answers 503 or drops the connection.
MAX_TRIES = 60
# Seconds between tries when the server does not say (Retry-After).
RETRY_PAUSE = 1


def requests(lines, max_lines):
    """Groups input lines (bytes) into request bodies."""
    body, size = [], 0
    for line in lines:
        if not line.strip():
            continue
        line = line if line.endswith(b"\n") else line + b"\n"
        if body and (len(body) == max_lines or size + len(line) > MAX_REQUEST_BYTES):
            yield b"".join(body)
            body, size = [], 0
        body.append(line)
        size += len(line)
    if body:
        yield b"".join(body)


def post(target, body, headers):
    """POSTs one body on a fresh connection; the answer's bytes. A full server (503) or a
    dropped connection (the server closes one it answered without reading its body) is
    retried after a pause."""
    for _ in range(MAX_TRIES):
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request("POST", "/v1/extract", body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
        except (ConnectionError, http.client.HTTPException):
            time.sleep(RETRY_PAUSE)
            continue
        finally:
            connection.close()
        if response.status == 200:
            return answer
        if response.status != 503:
            raise RuntimeError(f"status {response.status}: {answer.decode('utf-8', 'replace')}")
        time.sleep(float(response.getheader("Retry-After", str(RETRY_PAUSE))))
    raise RuntimeError(f"no answer after {MAX_TRIES} tries")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("url", help="the server, e.g. http://127.0.0.1:8750")
    p.add_argument("corpus", help="JSON Lines, one document per line; - for standard input")
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.add_argument("--lines", type=int, default=256, help="most lines per request (default 256)")
    p.add_argument("--token-file", help="bearer token file, when the server needs one")
    args = p.parse_args()
    if args.lines < 1:
        p.error("--lines must be at least 1")
    target = urllib.parse.urlsplit(args.url)
    headers = {"Content-Type": "application/x-ndjson"}
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            headers["Authorization"] = "Bearer " + f.read().strip()
    source = sys.stdin.buffer if args.corpus == "-" else open(args.corpus, "rb")
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
        for body in requests(source, args.lines):
            out.write(post(target, body, headers))
            out.flush()
    except (OSError, RuntimeError) as e:
        print(f"serve_client: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
