"""Benchmark: the Check page under loopback load. `s75docs serve` runs in a thread on a free
port; N users (20 by default) each open the page and upload the Fairhaven agreement at once.
The checks queue behind the app's lock, so the throughput is about one check's time; every
upload must come back with its summary (none lost). Prints the throughput; asserts nothing
about time."""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from s75docs.model.loader import load_scheme  # noqa: E402
from s75docs.pipeline import build_tree, render_bytes  # noqa: E402
from tests.helpers import example_library  # noqa: E402
from tests.web.client import check_upload, running_server  # noqa: E402

EXAMPLE = ROOT / "examples" / "fairhaven" / "scheme.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    users = parser.parse_args().users
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    data = render_bytes(build_tree(load_scheme(EXAMPLE), example_library(EXAMPLE)), "docx")
    with running_server() as server, ThreadPoolExecutor(users) as pool:
        check_upload(server.port, "warm-up.docx", data)
        start = time.perf_counter()
        done = list(
            pool.map(lambda _: check_upload(server.port, "fairhaven.docx", data), range(users))
        )
        wall = time.perf_counter() - start
    ok = [d for d in done if d.status == 200 and "no findings" in d.summary]
    seconds = sorted(d.seconds for d in done)
    print(f"{users} concurrent checks of Fairhaven ({len(data) // 1024} KB .docx) on loopback")
    print(f"  completed {len(ok)}/{users} (lost {users - len(ok)})")
    print(f"  wall {wall:.1f} s; throughput {len(ok) / wall:.2f} checks/s")
    print(
        f"  per user: fastest {seconds[0]:.1f} s, median {statistics.median(seconds):.1f} s,"
        f" slowest {seconds[-1]:.1f} s (queued behind one another)"
    )
    if len(ok) != users:
        sys.exit(1)


if __name__ == "__main__":
    main()
