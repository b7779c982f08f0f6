"""Loopback load: 20 users check Fairhaven at once on a running server; none is lost (the
checks queue behind the app's lock). bench/bench_serve.py prints the throughput."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.web.client import check_upload, running_server

USERS = 20


def test_twenty_concurrent_checks_all_complete(fairhaven: bytes) -> None:
    with running_server() as server, ThreadPoolExecutor(USERS) as pool:
        port = server.port
        done = list(
            pool.map(lambda _: check_upload(port, "fairhaven.docx", fairhaven), range(USERS))
        )
    assert [d.status for d in done] == [200] * USERS
    assert all(d.summary.startswith("fairhaven.docx: no findings (") for d in done)
