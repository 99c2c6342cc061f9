"""Timing a page through Django's test client, and the Markdown row of its figures: what the page
benchmarks (events, groups, territory) share."""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test import Client


def timed(client: Client, urls: str | list[str], runs: int, *, warm: int = 3) -> list[float]:
    """Milliseconds of each of `runs` GETs, taking the urls in turn, after `warm` untimed ones; every
    answer must be a 200."""
    urls = [urls] if isinstance(urls, str) else urls
    for n in range(warm):
        url = urls[n % len(urls)]
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    times = []
    for n in range(runs):
        begin = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    return times


def report(name: str, times: list[float]) -> None:
    """| name | runs | median | p95 | (milliseconds)"""
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"| {name} | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} |", flush=True)
