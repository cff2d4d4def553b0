"""llama-cpp-python's OpenAI-compatible server, started with the llama.cpp backend's AMX guard.

    python -m summarise.engines.llama_server --model FILE.gguf [any `python -m llama_cpp.server` option]

The stock `python -m llama_cpp.server` has no switch for weight repacking, so on a llama.cpp built with AMX
(natively, on a recent Xeon) it crashes on the first request to a K-quant model (ggml-org/llama.cpp#20824).
This runs the same server, with the same options, and repacking off on such a build; on any other build it
is the stock server. Point `--engine llm --api-base http://HOST:PORT/v1` at it.
"""

from __future__ import annotations

import sys

from summarise.engines.llm_llamacpp import amx_in_build, model_params
from summarise.errors import ModelUnavailable, first_line

PROGRAM = "python -m summarise.engines.llama_server"


def main(argv: list[str] | None = None) -> None:
    """Serve as `llama_cpp.server` does, with `argv` (default: this process's arguments) as its options."""
    try:
        import llama_cpp
        from llama_cpp.server.__main__ import main as serve
    except ImportError as error:
        raise SystemExit(f"error: the server needs llama-cpp-python with its server extra: "
                         f"pip install 'llama-cpp-python[server]' ({error})") from None
    sys.argv = [PROGRAM, *(sys.argv[1:] if argv is None else argv)]
    avoid_amx = amx_in_build(llama_cpp)
    if avoid_amx:
        print(f"{PROGRAM}: weight repacking off (this llama.cpp build uses AMX, whose K-quant kernel "
              "crashes: ggml-org/llama.cpp#20824)", file=sys.stderr, flush=True)
    try:
        with model_params(llama_cpp, use_extra_bufts=not avoid_amx):
            serve()
    except (ValueError, OSError, RuntimeError) as error:  # a missing or unreadable model file, say
        print(f"{PROGRAM}: cannot serve: {first_line(error)}", file=sys.stderr)
        raise SystemExit(ModelUnavailable.exit_code) from None


if __name__ == "__main__":
    main()
