"""Issue #19: nothing reaches the network. extract (with OCR) and batch run in processes whose
sockets cannot leave the machine (a sitecustomize on their path: a connection, a datagram or a
name lookup anywhere but this host raises and is logged, in the CLI process, the forkserver and
every worker alike), and pass; onnxruntime's telemetry is off before the library loads (without
ORT_DISABLE_TELEMETRY its 1DS client looks up mobile.events.data.microsoft.com on every run, from
native code no Python guard sees: strace showed 6 lookups per run before, none after)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TEXT

GUARD = r'''
import os, socket, sys

LOG = os.environ["NETLOG"]
LOCAL = {"localhost", "127.0.0.1", "::1", "", None}

def _note(what):
    with open(LOG, "a") as f:
        f.write(f"{os.getpid()} {what}\n")

def _host(address):
    return address[0] if isinstance(address, tuple) else None

def _check(what, address):
    if isinstance(address, (str, bytes)):  # AF_UNIX: a path, not the network
        return
    if _host(address) not in LOCAL:
        _note(f"{what} {address!r}")
        raise OSError(f"network forbidden by the test: {what} {address!r}")

_connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto

def connect(self, address):
    _check("connect", address)
    return _connect(self, address)

def connect_ex(self, address):
    _check("connect_ex", address)
    return _connect_ex(self, address)

def sendto(self, data, *args):
    _check("sendto", args[-1])
    return _sendto(self, data, *args)

_getaddrinfo = socket.getaddrinfo

def getaddrinfo(host, *args, **kwargs):
    if host not in LOCAL:
        _note(f"getaddrinfo {host!r}")
        raise socket.gaierror(f"network forbidden by the test: {host}")
    return _getaddrinfo(host, *args, **kwargs)

def gethostbyname(host):
    _note(f"gethostbyname {host!r}")
    raise socket.gaierror(f"network forbidden by the test: {host}")

socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname


class _Watch:  # when onnxruntime loads, is its telemetry off?
    def find_spec(self, name, path=None, target=None):
        if name == "onnxruntime":
            with open(LOG + ".ort", "a") as f:
                f.write(os.environ.get("ORT_DISABLE_TELEMETRY", "unset") + "\n")
        return None

sys.meta_path.insert(0, _Watch())
'''


def _run(tmp_path: Path, *args) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "NETLOG": str(tmp_path / "net.log")}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    return subprocess.run([sys.executable, "-m", "disclosure", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=600)


def test_the_guard_catches_a_lookup(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('example.org', 80)"],
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(site),
                                                            "NETLOG": str(tmp_path / "net.log")})
    assert r.returncode != 0 and "network forbidden" in r.stderr
    assert "getaddrinfo 'example.org'" in (tmp_path / "net.log").read_text()


def test_extract_with_ocr_and_batch_without_the_network(tmp_path):
    pytest.importorskip("rapidocr", reason="the OCR extra is not installed")
    sys.path.insert(0, str(ROOT / "samples"))
    import hostile
    from make_scan import make_scan

    text = tmp_path / "text.pdf"
    text.write_bytes(hostile.plain(b"BT /F1 28 Tf 72 700 Td (2021 Budget 12345) Tj ET"))
    make_scan(text, tmp_path / "scan.pdf")
    r = _run(tmp_path, "extract", tmp_path / "scan.pdf", SEED_TEXT, "-o", tmp_path / "out", "--format", "json")
    assert r.returncode == 0, r.stderr[-2000:]
    doc = json.loads((tmp_path / "out" / "scan-pdf" / "document.json").read_text(encoding="utf-8"))
    assert doc["pages"][0]["method"] == "ocr"  # OCR ran, in a worker, with the guard in place
    if pytest.importorskip("duckdb", reason="the batch extra is not installed"):
        r = _run(tmp_path, "batch", text, SEED_TEXT, "--db", tmp_path / "d.duckdb", "--workers", 1)
        assert r.returncode == 0, r.stderr[-2000:]
    log = tmp_path / "net.log"
    assert not log.exists(), log.read_text()
    assert set((tmp_path / "net.log.ort").read_text().split()) == {"1"}
