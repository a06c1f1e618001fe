"""A mail server for the load and fault benchmarks: takes every message and writes
one line of JSON per message (recipients, subject) to a file, so that a benchmark
can count what was sent and find anything sent twice.

    .venv/bin/python benchmarks/smtp_sink.py --port 2525 --out var/bench-mail.jsonl
"""

from __future__ import annotations

import argparse
import email
import json
import socketserver
import threading
from pathlib import Path

_lock = threading.Lock()


class _Handler(socketserver.StreamRequestHandler):
    out: Path

    def _say(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        self._say("220 sink")
        recipients: list[str] = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 sink")
            elif verb == "MAIL":
                recipients = []
                self._say("250 ok")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self._say("250 ok")
            elif verb == "DATA":
                self._say("354 go on")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(line)
                message = email.message_from_bytes(b"".join(lines))
                with _lock, self.out.open("a") as out:
                    out.write(json.dumps({"to": recipients, "subject": message["Subject"]}) + "\n")
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:  # RSET, NOOP and the rest
                self._say("250 ok")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--out", type=Path, default=Path("var/bench-mail.jsonl"))
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    _Handler.out = args.out
    with _Server(("127.0.0.1", args.port), _Handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
