"""The tiny test models are real architectures that load through the same Auto* code users run."""

from __future__ import annotations

import json
import shutil

import pytest

from summarise.testing.tiny_seq2seq import WINDOW, build

# MarianTokenizer asks for the optional sacremoses punctuation normaliser on every load.
pytestmark = pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")

NUMBERED = "久美家园居住着4000多名生态移民,投资22.7亿元。"


@pytest.mark.parametrize(
    ("role", "model_class", "tokenizer_class"),
    [
        ("summariser", "MT5ForConditionalGeneration", "T5Tokenizer"),
        ("translator", "MarianMTModel", "MarianTokenizer"),
    ],
)
def test_tiny_model_loads_through_auto_classes(tiny_models, role, model_class, tokenizer_class):  # type: ignore[no-untyped-def]
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = getattr(tiny_models, role)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    assert type(model).__name__ == model_class
    assert type(tokenizer).__name__ == tokenizer_class
    assert (folder / "model.safetensors").is_file()
    assert tokenizer.model_max_length == WINDOW
    # The vocabulary was trained on the corpus: Chinese text must not collapse into <unk>.
    ids = tokenizer(NUMBERED)["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert model.config.vocab_size >= len(tokenizer)


@pytest.mark.parametrize("role", ["summariser", "translator"])
def test_tiny_model_generates_short_batched_output(tiny_models, role):  # type: ignore[no-untyped-def]
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = getattr(tiny_models, role)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    batch = tokenizer([NUMBERED, "陈刚先后走进社区党群服务中心。"], return_tensors="pt", padding=True)
    with torch.inference_mode():
        out = model.generate(**batch)
    assert out.shape[0] == 2
    # The generation config caps output so tests stay fast (decoder start token + at most max_new_tokens).
    assert out.shape[1] <= 1 + model.generation_config.max_new_tokens


def test_build_is_deterministic_and_reuses_a_finished_build(tmp_path, tiny_models):  # type: ignore[no-untyped-def]
    again = build(tiny_models.summariser.parent)
    assert again == tiny_models
    # Reuse: a finished build is not redone (the weights file is untouched).
    weights = tiny_models.summariser / "model.safetensors"
    assert weights.stat().st_mtime_ns == (again.summariser / "model.safetensors").stat().st_mtime_ns

    fresh = build(tmp_path)
    for role in ("summariser", "translator"):
        old = (getattr(tiny_models, role) / "model.safetensors").read_bytes()
        new = (getattr(fresh, role) / "model.safetensors").read_bytes()
        assert old == new, f"{role} weights differ between two builds with the same seed"


def test_a_half_finished_build_is_redone(tmp_path, tiny_models):  # type: ignore[no-untyped-def]
    shutil.copytree(tiny_models.summariser.parent, tmp_path, dirs_exist_ok=True)
    first = build(tmp_path)
    marker = first.translator / "tiny-model.json"
    marker.unlink()
    (first.translator / "config.json").write_text("{broken", encoding="utf-8")
    build(tmp_path)
    assert (
        json.loads((first.translator / "config.json").read_text(encoding="utf-8"))["model_type"] == "marian"
    )
    assert marker.is_file()
