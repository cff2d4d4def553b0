"""The `-v` report of `brief` and `batch`: seconds and model calls per stage."""

from __future__ import annotations

from collections.abc import Mapping


def stage_report(timings: Mapping[str, float], calls: Mapping[str, int], briefs: int) -> str:
    """`select 0.01s, translate 41.20s, guard 3.10s; model calls 22 (3.7 per brief: translate 20,
    guard 2)`; the calls part only when an engine counted any."""
    stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in timings.items())
    total = sum(calls.values())
    if not calls:
        return stages
    per_brief = f"{total / briefs:.1f} per brief: " if briefs else ""
    split = ", ".join(f"{stage} {count}" for stage, count in calls.items())
    return f"{stages}; model calls {total} ({per_brief}{split})"
