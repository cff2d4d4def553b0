"""Model engines behind two tiny protocols, so seq2seq models, CTranslate2, an instruct LLM or a test
fake can be swapped freely."""

from summarise.engines.base import Summariser, Translator

__all__ = ["Summariser", "Translator"]
