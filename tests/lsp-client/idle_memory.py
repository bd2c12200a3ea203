"""Prints the resident memory (VmRSS) of `coquille lsp` once initialized
and idle, then after it checked one document (Linux only; standard
library only).

    python3 tests/lsp-client/idle_memory.py target/release/coquille
"""

import json
import subprocess
import sys
import time


def send(proc, message):
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read(proc):
    length = None
    while True:
        line = proc.stdout.readline().strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def wait_for(proc, predicate):
    while True:
        message = read(proc)
        if predicate(message):
            return message


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/coquille"
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send(proc, {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"method": "initialized", "params": {}})
    time.sleep(1)
    print(f"idle after initialize: {rss_kib(proc.pid) / 1024:.1f} MiB")
    text = "Le serveur vérifie ce texte ; est-il prêt?\n\n" * 2000
    send(proc, {"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///tmp/idle.md", "languageId": "markdown", "version": 1, "text": text}}})
    wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics")
    time.sleep(1)
    print(f"after checking a {len(text.encode()) // 1024} KB document: {rss_kib(proc.pid) / 1024:.1f} MiB")
    send(proc, {"id": 2, "method": "shutdown"})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"method": "exit"})
    print(f"exit status after shutdown and exit: {proc.wait(timeout=10)}")


if __name__ == "__main__":
    main()
