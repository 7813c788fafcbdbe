"""Minimal, dependency-free HTML tables for the report (escaped, so case and reader ids cannot break it)."""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path
from typing import Sequence

_STYLE = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
          "td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eee;text-align:center}"
          "td:first-child{text-align:left}caption{caption-side:top;text-align:left;font-weight:bold;padding:4px 0}"
          ".warning{background:#fff3cd;border:1px solid #e0c36c;padding:8px;max-width:60em}")


def table_html(header: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<tr>{head}</tr>{body}</table>"


def write_page(path: Path, title: str, sections: Sequence[str]) -> None:
    """``sections`` are HTML fragments (tables, paragraphs) already escaped by their makers."""
    path.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>{''.join(sections)}</body></html>",
        encoding="utf-8",
    )


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
