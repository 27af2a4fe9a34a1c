"""Documents per second of `disclosure batch` over the corpus with 1 and with 2 workers, and
through a local Dask cluster of 2 single-threaded worker processes, in one run (each into a fresh
dataset), and the scaling ratio.

    python bench/batch_speed.py [CORPUS_DIR]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    docs = len(list(corpus.glob("*.pdf")))
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}.duckdb"
            t = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "disclosure", "batch", str(corpus), "--db", str(db),
                                "--workers", str(workers)], capture_output=True, text=True)
            seconds = time.perf_counter() - t
            if r.returncode != 0:
                sys.exit(r.stderr)
            rates[workers] = docs / seconds
            print(f"workers {workers}: {docs} documents in {seconds:.1f} s = {rates[workers]:.2f} documents/s")
        try:
            from distributed import LocalCluster
        except ImportError:
            print("dask: not installed (pip install -e '.[dask]')")
        else:
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp",
                              dashboard_address=None) as cluster:
                db = Path(tmp) / "dask.duckdb"
                t = time.perf_counter()
                r = subprocess.run([sys.executable, "-m", "disclosure", "batch", str(corpus), "--db", str(db),
                                    "--scheduler", cluster.scheduler_address], capture_output=True, text=True)
                seconds = time.perf_counter() - t
                if r.returncode != 0:
                    sys.exit(r.stderr)
                rates["dask"] = docs / seconds
                print(f"dask, 2 workers: {docs} documents in {seconds:.1f} s = {rates['dask']:.2f} documents/s")
    print(f"scaling 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
