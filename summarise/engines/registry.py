"""The engine, LLM-backend and strategy registries: names -> "module:attribute", imported only when used.

Plain data with no imports, so the config (which validates names against it), the factory and the
LLM engine can all read it without a cycle. Adding an engine or a backend is one new module and one
line here.
"""

from __future__ import annotations

# Engine name -> "module:function"; the function takes a BriefConfig and returns factory.Engines.
ENGINE_BUILDERS: dict[str, str] = {
    "torch": "summarise.engines.seq2seq:build",
    "ct2": "summarise.engines.ctranslate2:build",
    "llm": "summarise.engines.llm:build",
}

# Strategy name -> its class in summarise.strategies: how articles become English drafts.
STRATEGIES: dict[str, str] = {"two-stage": "TwoStage", "lead": "Lead", "direct": "Direct"}

# LLM backend name -> "module:class"; the class has `from_settings(model, ChatSettings)` and implements
# summarise.engines.llm.ChatGenerator.
CHAT_BACKENDS: dict[str, str] = {
    "transformers": "summarise.engines.llm_transformers:ChatModel",
    "llama.cpp": "summarise.engines.llm_llamacpp:LlamaCppChat",
    "openai": "summarise.engines.llm_openai:OpenAIChat",
}

# LLM backend name -> the importable package it runs on, so "is it installed?" is answered here, without
# importing the backend (or loading llama.cpp's shared library).
CHAT_BACKEND_PACKAGES: dict[str, str] = {
    "transformers": "transformers",
    "llama.cpp": "llama_cpp",
    "openai": "http.client",  # the standard library (engines/llm_openai.py says why not the openai client)
}


def backend_available(name: str) -> bool:
    """True when the package an LLM backend runs on is installed."""
    from importlib.util import find_spec

    return find_spec(CHAT_BACKEND_PACKAGES[name]) is not None


def load(target: str) -> object:
    """The object a registry entry names ("package.module:attribute")."""
    import importlib

    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)
