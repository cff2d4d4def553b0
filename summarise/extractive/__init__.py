"""Summaries without a model: sentences chosen from the article itself (the `lead` strategy's first stage)."""

from summarise.extractive.lead import DEFAULT_BUDGET, lead_summary

__all__ = ["DEFAULT_BUDGET", "lead_summary"]
