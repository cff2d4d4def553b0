"""What readers and pipelines get: one brief rendered as text, Markdown or JSON (`render`), and a whole
briefs file as a digest page (`digest`, jinja2 templates in `templates/`)."""
