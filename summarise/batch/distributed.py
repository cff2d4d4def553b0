"""Scale-out on Ray Data: the same brief function, run by a pool of actors that each load the models once.

Only the briefing moves to the cluster. The driver still plans the run (what OUT.jsonl already holds)
and writes every result line itself, through the same `BatchRun.consume` as a local run, so the JSONL
contract and resume semantics are identical. Needs `pip install "summarise[ray]"` on every node.

Pointing it at a real cluster: start one (`ray start --head` on the head node, `ray start
--address=HEAD:6379` on the others, with summarise installed on each), then run the batch on the head
with `summarise batch ... --ray auto`, or from elsewhere with `--ray ray://HEAD:10001` (Ray Client).
`RAY_ADDRESS` works too. `--ray` alone starts a local instance with this machine's CPUs.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from summarise.batch import BriefsArticles, ItemResult, WorkItem, brief_items
from summarise.config import BriefConfig
from summarise.errors import ConfigError
from summarise.types import Brief

BatchResults = list[ItemResult]


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run: `address` None starts (or reuses) a local instance."""

    address: str | None = None
    actors: int = 2
    cpus_per_actor: float = 1.0


class BriefActor:
    """A Ray Data actor: builds one briefer (models load once per actor) and briefs each batch."""

    def __init__(self, make_briefer: Callable[[], BriefsArticles]) -> None:
        self.briefer = make_briefer()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        import time

        items = [pickle.loads(blob) for blob in batch["item"]]
        started = time.perf_counter()
        results = brief_items(self.briefer, items)
        each = (time.perf_counter() - started) / max(len(items), 1)
        return {
            "id": [result.item.id for result in results],
            "brief": [result.brief.to_json() if result.brief is not None else "" for result in results],
            "error": [result.error or "" for result in results],
            "seconds": [each] * len(results),
        }


def ray_results(
    items: Sequence[WorkItem],
    config: BriefConfig,
    batch_size: int,
    options: RayOptions = RayOptions(),
    make_briefer: Callable[[], BriefsArticles] | None = None,
) -> Iterator[BatchResults]:
    """Brief `items` on Ray Data (`map_batches` over an actor pool), yielding results batch by batch."""
    if not items:
        return
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigError('--ray needs Ray Data: pip install "summarise[ray]"') from None
    if make_briefer is None:
        from summarise.pipeline import Briefer

        make_briefer = functools.partial(Briefer, config)
    if not ray.is_initialized():
        ray.init(address=options.address, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # the same line order as a local run
    context.enable_progress_bars = False  # our own progress reporting stays the only one

    by_id = {item.id: item for item in items}
    dataset = ray.data.from_items([{"item": pickle.dumps(item)} for item in items])
    briefed = dataset.map_batches(
        BriefActor,
        fn_constructor_kwargs={"make_briefer": make_briefer},
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=options.actors),
        num_cpus=options.cpus_per_actor,
        batch_format="numpy",
    )
    for batch in briefed.iter_batches(batch_size=None, batch_format="numpy"):
        yield [
            ItemResult(by_id[str(item_id)], Brief.from_json(str(brief)) if brief else None, str(error) or None,
                       float(seconds))
            for item_id, brief, error, seconds in zip(batch["id"], batch["brief"], batch["error"],
                                                      batch["seconds"])
        ]
