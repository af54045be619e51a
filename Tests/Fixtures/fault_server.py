"""A loopback stand-in for a model server, for the cases a real one cannot show on demand:
503 with Retry-After, stalls, connection resets, malformed replies, schema-invalid answers,
context-length errors, redirects. With --upstream it is instead a counting proxy in front of a real server.

Every request is appended to --log as "<time> <unit key> <mode> <status>". The port it listens
on is printed on the first line of standard output. Bounded: it exits after --lifetime seconds."""

import argparse
import glob
import json
import socket
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--mode", default="ok")
parser.add_argument("--failures", type=int, default=0, help="fail this many requests, then answer well")
parser.add_argument("--log", required=True)
parser.add_argument("--upstream", help="forward to this base URL (counting proxy)")
parser.add_argument("--upstream-key", help="the upstream's API key, sent as a bearer token")
parser.add_argument("--stall", type=float, default=30)
parser.add_argument("--lifetime", type=float, default=600)
parser.add_argument("--dump", help="save each request body here, numbered (make bench replays them)")
parser.add_argument("--hold-glob", help="requests after --hold-after wait until a file matches (logged as 'held'), "
                    "or --hold-limit seconds pass (logged as 'timeout')")
parser.add_argument("--hold-after", type=int, default=1)
parser.add_argument("--hold-limit", type=float, default=20)
parser.add_argument("--location", help="with --mode redirect: where the 307 points")
parser.add_argument("--port", type=int, default=0, help="listen on this port (0: any free one)")
parser.add_argument("--delay", type=float, default=0, help="answer well-formed requests after this many seconds (a fixed-latency engine)")
args = parser.parse_args()

lock = threading.Lock()
count = {"n": 0}
GOOD = {"answer": "ok"}


def reply(content, status=200):
    return {"id": "x", "object": "chat.completion", "model": "fault",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 3, "total_tokens": 13}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this the body waits for a delayed ACK (40 ms).
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def send(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.send(200, {"status": "ok"})

    def do_POST(self):
        # When the request arrived: a proxied request is logged when the engine has answered, which
        # can be long after a client that sent it was killed.
        arrived = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        unit = self.headers.get("X-Docket-Unit", "-")
        with lock:
            count["n"] += 1
            n = count["n"]
        failing = n <= args.failures or args.failures == 0 and args.mode != "ok"
        mode = args.mode if failing else "ok"
        status = 200
        if args.dump:
            with open(f"{args.dump}/{n:05d}.json", "wb") as out:
                out.write(body)
        if args.upstream:
            headers = {"Content-Type": "application/json"}
            if args.upstream_key:
                headers["Authorization"] = "Bearer " + args.upstream_key
            request = urllib.request.Request(args.upstream + self.path.replace("/v1", "", 1), data=body, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=300) as response:
                    data, status = response.read(), response.status
            except urllib.error.HTTPError as error:
                data, status = error.read(), error.code
            self.log(unit, "proxy", status, arrived)
            self.send(status, data)
            return
        if args.hold_glob and n > args.hold_after:
            waited_until = time.time() + args.hold_limit
            while not glob.glob(args.hold_glob) and time.time() < waited_until:
                time.sleep(0.05)
            mode = "held" if glob.glob(args.hold_glob) else "timeout"
        self.log(unit, mode, {"503": 503, "context": 400, "fatal": 400, "redirect": 307}.get(mode, 200), arrived)
        if mode == "redirect":
            self.send(307, {"error": "moved"}, {"Location": args.location + self.path.replace("/v1", "", 1)})
        elif mode == "503":
            self.send(503, {"error": "overloaded"}, {"Retry-After": "1"})
        elif mode == "stall":
            time.sleep(args.stall)
            self.send(200, reply(json.dumps(GOOD)))
        elif mode == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
        elif mode == "garbage":
            self.send(200, b"<html>not json")
        elif mode == "invalid":
            self.send(200, reply(json.dumps({"wrong": 1})))
        elif mode == "context":
            self.send(400, {"error": {"message": "the request exceeds the available context size, try increasing it"}})
        elif mode == "fatal":
            self.send(400, {"error": {"message": "bad request"}})
        else:
            time.sleep(args.delay)
            self.send(200, reply(json.dumps(GOOD)))

    def log(self, unit, mode, status, arrived):
        with lock, open(args.log, "a") as log:
            log.write(f"{arrived:.6f} {unit} {mode} {status}\n")


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Timer(args.lifetime, server.shutdown).start()
server.serve_forever()
