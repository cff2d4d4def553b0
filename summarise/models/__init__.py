"""The model side of the engines: which models a role runs (`registry`, with `models pull` and the
local look-up), how an LLM is told (`prompts`), the package-shipped GGUF (`packaged`) and conversion to
CTranslate2 (`convert`)."""
