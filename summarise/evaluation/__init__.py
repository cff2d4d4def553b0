"""Measuring: figure agreement with human references (`figures`, `summarise eval figures`), and the
models' outputs against reference data (`outputs`: `eval translate`, `eval summaries`, `eval briefs`)."""
