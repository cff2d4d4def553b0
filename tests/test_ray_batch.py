"""`summarise batch --ray` on a local Ray instance with the tiny models: same lines, same resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from tests.test_batch_cli import write_batch_inputs

ray = pytest.importorskip("ray", reason='Ray is an optional extra: pip install "summarise[ray]"')


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One local Ray instance for the module, sized for the 2-core test machines."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def batch(inputs: Path, out: Path, models: Any, *extra: str) -> Any:
    return CliRunner().invoke(main, [
        "batch", str(inputs), "--out", str(out), "-q", "--batch-size", "3", "--max-new-tokens", "16",
        "--summariser", str(models.summariser), "--translator", str(models.translator),
        "--device", "cpu", "--engine", "torch", *extra,
    ])


@pytest.mark.usefixtures("local_ray")
def test_ray_resumes_and_reproduces_the_single_process_output(tmp_path: Path, tiny_models: Any) -> None:
    inputs = tmp_path / "in"
    write_batch_inputs(inputs, copies=1)
    local = batch(inputs, tmp_path / "local", tiny_models)
    assert local.exit_code == 1, local.output  # the three bad inputs
    expected = (tmp_path / "local.jsonl").read_text(encoding="utf-8")
    lines = expected.splitlines(keepends=True)
    assert len(lines) >= 6

    # One Ray run that starts where a killed run stopped: two lines done, the third torn.
    (tmp_path / "ray.jsonl").write_text("".join(lines[:2]) + lines[2][:40], encoding="utf-8")
    distributed = batch(inputs, tmp_path / "ray", tiny_models, "--ray", "--ray-actors", "2")
    assert distributed.exit_code == 1, distributed.output
    assert f"{len(lines) - 2} succeeded, 3 failed, 2 skipped" in distributed.output
    # The lines Ray wrote are byte for byte the single-process ones, in the same order.
    assert (tmp_path / "ray.jsonl").read_text(encoding="utf-8") == expected
    assert (tmp_path / "ray.errors.jsonl").read_text(encoding="utf-8") == (
        (tmp_path / "local.errors.jsonl").read_text(encoding="utf-8")
    )
