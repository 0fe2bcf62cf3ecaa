#!/usr/bin/env python3
"""A stand-in OTLP/HTTP collector for the tracing benchmark: accepts every export, counts requests
and bytes, and answers 200 with an empty protobuf body. Usage: python3 OtlpSink.py [port] (4318); prints the totals on SIGTERM or Ctrl-C."""
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = {"requests": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        received["requests"] += 1
        received["bytes"] += length
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 4318), Sink)


def stop(*_):
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, stop)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
finally:
    print(f"otlp sink: {received['requests']} exports, {received['bytes']} bytes", file=sys.stderr)
