"""Device selection shared by every engine and backend: the one place 'auto' and 'cuda' are decided."""

from __future__ import annotations

from collections.abc import Callable

from summarise.errors import ConfigError

DEVICE_CHOICES = ("auto", "cpu", "cuda")


def cuda_available() -> bool:
    """True when torch can see a CUDA device (False when torch itself is missing)."""
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def resolve_device(name: str, gpu_available: Callable[[], bool] | None = None) -> str:
    """'auto' -> 'cuda' when available, else 'cpu'; 'cuda' without CUDA is a ConfigError.

    `gpu_available` is the backend's own probe (torch's by default; llama.cpp asks its library whether
    it was built with GPU offload), so the rule is the same for every backend."""
    gpu_available = gpu_available or cuda_available
    choice = (name or "auto").strip().lower()
    if choice.startswith("cuda:"):
        # An explicit card ("cuda:1") is accepted as given; torch reports a bad index itself.
        index = choice.partition(":")[2]
        if not index.isdigit():
            raise ConfigError(f"unknown device {name!r}; choose one of {', '.join(DEVICE_CHOICES)} or cuda:N")
        base = "cuda"
    elif choice in DEVICE_CHOICES:
        base = choice
    else:
        raise ConfigError(f"unknown device {name!r}; choose one of {', '.join(DEVICE_CHOICES)}")
    if base == "cpu":
        return "cpu"
    if base == "auto":
        return "cuda" if gpu_available() else "cpu"
    if not gpu_available():
        raise ConfigError(
            "device 'cuda' was asked for but no CUDA device is available; use --device cpu or auto"
        )
    return choice
