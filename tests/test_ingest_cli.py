"""Issue 3's "done": `summarise brief` on the GBK-encoded sample page gives the same six headlines as on
the UTF-8 one, through the real CLI and the tiny real models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from summarise.cli import main

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"
HEADLINES = [
    "陈刚在果洛州调研时强调",
    "生物园区超额完成 招商引资年度目标任务",
    "王卫东赴湟中区调研走在前作表率工作",
    "石建平调研东西部协作项目建设工作",
    "前11个月全省空气质量优良天数比例达95%以上",
    "青海推动社保业务“就近办”落地落实",
]


def _brief(path: Path, models: Any) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        main,
        ["brief", str(path), "--format", "json", "--engine", "torch", "--device", "cpu",
         "--summariser", str(models.summariser), "--translator", str(models.translator),
         "--max-new-tokens", "8"],
    )
    assert result.exit_code == 0, result.output
    briefs: list[dict[str, Any]] = json.loads(result.stdout)
    return briefs


def test_brief_on_the_gbk_page_gives_the_same_six_headlines(tiny_models: Any, tmp_path: Path) -> None:
    gbk_page = tmp_path / "sample.gbk.txt"
    gbk_page.write_bytes(SAMPLE_PAGE.read_text(encoding="utf-8").encode("gbk"))
    utf8 = _brief(SAMPLE_PAGE, tiny_models)
    gbk = _brief(gbk_page, tiny_models)
    assert [b["source"]["headline"] for b in gbk] == [b["source"]["headline"] for b in utf8] == HEADLINES
    assert [b["source"]["byline"] for b in gbk] == [b["source"]["byline"] for b in utf8]
    assert [(b["source"]["start"], b["source"]["end"]) for b in gbk] == [
        (b["source"]["start"], b["source"]["end"]) for b in utf8
    ]
    assert any("stray Latin" in warning for warning in gbk[0]["warnings"])
