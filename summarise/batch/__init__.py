"""Batch briefing with no loss and no duplicates: inputs -> work items -> OUT.jsonl, resumable.

The contract of OUT.jsonl: each finished brief is one line, written with a single `write` and fsynced,
so a kill at any moment leaves at most one half-written last line, which the next run cuts off. A rerun
skips the ids already present with the same source hash, re-briefs the ones whose source changed (and
drops their stale line), and ends with exactly one line per article. One bad article never stops a batch:
it goes to the errors file with its id, path and a one-line reason.

`items` turns inputs into work items, `results` owns OUT.jsonl, `run` briefs and writes, and
`distributed` runs the same on Ray. A local run reads its inputs as it goes: each input is read on its
own (one that cannot be read is an errors-file line), and briefs are written as soon as a model batch of
articles has been read, so a slow or broken input never holds back the ones read before it.
"""

from summarise.batch.items import (
    NOT_ARTICLES_IN_FOLDERS,
    STDIN,
    InputWatch,
    Shard,
    WorkItem,
    canonical_path,
    expand_inputs,
    iter_selected,
    iter_work_items,
    select,
)
from summarise.batch.results import (
    CHANGED,
    SKIP,
    TODO,
    BatchPlan,
    LineLog,
    Resume,
    load_results,
    lock_path,
    locked_output,
    plan_batch,
    read_results,
    results_path,
    write_atomically,
)
from summarise.batch.run import (
    BatchResult,
    BatchRun,
    BriefsArticles,
    ItemResult,
    Progress,
    brief_isolated,
    brief_items,
    error_record,
)

__all__ = [
    "CHANGED", "NOT_ARTICLES_IN_FOLDERS", "SKIP", "STDIN", "TODO", "BatchPlan", "BatchResult", "BatchRun",
    "BriefsArticles", "InputWatch", "ItemResult", "LineLog", "Progress", "Resume", "Shard", "WorkItem",
    "brief_isolated", "brief_items", "canonical_path", "error_record", "expand_inputs", "iter_selected",
    "iter_work_items", "load_results", "lock_path", "locked_output", "plan_batch", "read_results",
    "results_path", "select", "write_atomically",
]
