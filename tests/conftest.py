"""Shared fixtures. Every test runs offline against a private HF cache, so nothing can reach the hub."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SAMPLE_PAGE = CORPUS / "qinghai-page-2024-12-24.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _offline_hub(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path_factory.getbasetemp() / "hf-home"))
    for name in ("SUMMARISE_SUMMARISER", "SUMMARISE_TRANSLATOR", "SUMMARISE_ENGINE", "SUMMARISE_DEVICE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def sample_page() -> Path:
    return SAMPLE_PAGE


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Tiny real mT5 + Marian models, built once per test session (attributes: summariser, translator)."""
    from summarise.testing import build_tiny_seq2seq

    return build_tiny_seq2seq(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="session")
def tiny_llm(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A tiny real causal LM with a chat template, built once per test session."""
    from summarise.testing import build_tiny_llm

    return build_tiny_llm(tmp_path_factory.mktemp("tiny-llm"))


@pytest.fixture(scope="session")
def converted(tiny_models, tmp_path_factory):  # type: ignore[no-untyped-def]
    """float32 CTranslate2 copies of the tiny models, made through the real convert command code."""
    pytest.importorskip("ctranslate2")
    from summarise.models.convert import convert_to_ct2

    out = tmp_path_factory.mktemp("ct2")
    return {
        role: convert_to_ct2(str(getattr(tiny_models, role)), out / role, quantization="float32").output
        for role in ("summariser", "translator")
    }
