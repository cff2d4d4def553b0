"""The web page at `/`: a form (paste text, give a URL, or drop a file) that posts back to itself and
answers with brief cards in the digest's look. No scripts: it works as a plain form POST. Every value is
escaped by the digest's template environment; the page's one inline style is allowed by its hash in a
strict Content-Security-Policy, so nothing else can run or load."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import jinja2
from markupsafe import Markup, escape

from summarise.output.digest import describe_models, html_environment
from summarise.service.core import Outcome
from summarise.service.errors import ApiError


class PageRenderer:
    """Renders the page; holds its CSS and the CSP that names the CSS's hash."""

    def __init__(self) -> None:
        self.environment = html_environment(jinja2.PackageLoader("summarise.service", "templates"))
        self.css = self.environment.get_template("page.css.j2").render()
        digest = base64.b64encode(hashlib.sha256(self.css.encode("utf-8")).digest()).decode("ascii")
        self.content_security_policy = (
            f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'"
        )

    def render(
        self,
        *,
        root: str,
        max_bytes: int,
        models: dict[str, Any],
        form: dict[str, str] | None = None,
        outcome: Outcome | None = None,
        error: ApiError | None = None,
        seconds: float = 0.0,
    ) -> str:
        """The page: the form (refilled with what was sent), then an error or the briefs."""
        cards = []
        if outcome is not None:
            by_brief = {id(result): article for article, result in zip(outcome.articles, outcome.results)}
            cards = [(brief, [paragraph.text for paragraph in by_brief[id(brief)].paragraphs])
                     for brief in outcome.briefs]
        return self.environment.get_template("page.html.j2").render(
            css=Markup(self.css),  # our own stylesheet, hashed into the CSP
            action=root or "/",
            root=root if root.endswith("/") else root + "/",
            form=_refill(form or {}),
            outcome=outcome,
            cards=cards,
            error=error,
            seconds=seconds,
            max_size=f"{max_bytes / 1_000_000:g} MB",
            models=describe_models(models),
        )


def _refill(form: dict[str, str]) -> dict[str, Any]:
    """What was sent, to show in the form again. The text keeps its line breaks (escaped here, so the
    display clean-up that puts headlines on one line leaves it alone); the newline in front survives the
    rule that drops a textarea's first newline."""
    return {"url": form.get("url", ""), "text": Markup("\n") + escape(form.get("text", ""))}
