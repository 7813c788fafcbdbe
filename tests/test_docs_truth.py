"""The documentation's commands and keys, checked against the code.

README.md and docs/*.md are how a reader learns the command line and the keyboard; a renamed console script, a
dropped option or a rebound key left in them sends the reader to something the workstation no longer does (the
docs once said ``cxr-reader-study`` for ``cxr-reader``). So every ``cxr-…`` command written as code in the docs
must parse with that script's own parser (sub-commands and options), and docs/viewer.md's shortcut table, the AI
plugin's menu keys and the reader study's keys must be the keys a real window binds, both ways.
"""

from __future__ import annotations

import argparse
import importlib
import re
import tomllib

import pytest

from tests.conftest import REPO_ROOT

DOCS = [REPO_ROOT / "README.md", REPO_ROOT / "DEVELOPERS.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
PROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
SCRIPTS: dict[str, str] = PROJECT["scripts"]


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """The parser's options and, while no sub-command is chosen, those of every sub-command below it."""
    found = {option for action in parser._actions for option in action.option_strings}
    for sub in _commands(parser).values():
        found |= _options(sub)
    return found


def _code(text: str) -> list[str]:
    """What a document writes as code: each line of a fenced block (without its comment), and each code span."""
    lines = [line.split(" #")[0] for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
             for line in block.splitlines()]
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
    return lines + [span.replace("\n", " ") for span in re.findall(r"`([^`]+)`", prose)]  # a span may wrap


def command_problems(text: str) -> list[str]:
    """Each ``cxr-…`` in ``text``'s code that is no console script, or names a sub-command or option its parser lacks.
    ``a|b`` and ``a/b`` name alternative sub-commands."""
    problems = []
    for line in _code(text):
        for match in re.finditer(r"(?:^|[\s/(])(cxr-[a-z-]+)\b([^;&)]*)", line):
            script, words = match.group(1), match.group(2).split()
            if script == PROJECT["name"]:  # the distribution (platformdirs folders, Manufacturer), not a command
                continue
            if script not in SCRIPTS:
                problems.append(f"{script}: not in [project.scripts] ({line})")
                continue
            parser = importlib.import_module(SCRIPTS[script].split(":")[0]).build_parser()
            while words and _commands(parser) and re.fullmatch(r"[a-z][a-z|/-]*", words[0]):
                names = re.split(r"[|/]", words.pop(0))
                problems += [f"{script}: no sub-command {name!r} ({line})" for name in names
                             if name not in _commands(parser)]
                if len(names) > 1 or names[0] not in _commands(parser):
                    break
                parser = _commands(parser)[names[0]]
            known = _options(parser)
            problems += [f"{parser.prog}: no option {flag} ({line})"
                         for flag in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", " ".join(words)) if flag not in known]
    return problems


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_documented_command_parses(doc):
    assert command_problems(doc.read_text()) == []


def documented_shortcuts(viewer_md: str) -> set[tuple[str, str]]:
    """(command id, key) of each row of docs/viewer.md's "Default shortcuts" table. Ids written `a` / `b` take the
    keys of each comma-separated group in that order (``PgDown / PgUp, **Right / Left**``); ids written `a`, `b`
    one group each; ``1 … 9`` with ``preset_1`` … ``preset_9`` every number between."""
    from cxr_viewer.gui.shortcut_keys import key_text

    table = viewer_md.split("Default shortcuts", 1)[1].split("\n\n", 2)[1]
    pairs = set()
    for row in table.splitlines()[2:]:
        keys, ids = (re.sub(r"\*\*|\([^)]*\)", "", cell).strip() for cell in row.split("|")[1:3])
        names = re.findall(r"`(\w+)`", ids)
        if "…" in keys:
            first, last = (int(n) for n in re.findall(r"\d+", keys))
            pairs |= {(f"preset_{n}", str(n)) for n in range(first, last + 1)}
        elif " / " in ids:
            pairs |= {(name, key_text(key)) for group in keys.split(", ")
                      for name, key in zip(names, group.split(" / "), strict=True)}
        elif names:
            pairs |= {(name, key_text(key)) for name, key in zip(names, keys.split(", "), strict=True)}
    return pairs


def bound_shortcuts(window) -> set[tuple[str, str]]:
    """(command id, key) the window binds: its commands' actions, the arrows' and Escape's keyboard-only keys."""
    from PySide6 import QtGui

    from cxr_viewer.gui.actions import ARROW_KEYS, FOCUS_IMAGE_KEY
    from cxr_viewer.gui.shortcut_keys import key_text
    from cxr_viewer.settings import DEFAULT_SHORTCUTS

    pairs = {(a.objectName(), key_text(s)) for a in window.findChildren(QtGui.QAction) for s in a.shortcuts()
             if a.objectName() in DEFAULT_SHORTCUTS}
    keyboard_only = {key_text(s.key()) for s in window.findChildren(QtGui.QShortcut)}
    extra = [*ARROW_KEYS.items(), ("focus_image", FOCUS_IMAGE_KEY)]
    return pairs | {(name, key_text(key)) for name, key in extra if key_text(key) in keyboard_only}


@pytest.mark.gui
def test_viewer_shortcut_table_is_what_the_window_binds(make_window):
    documented = documented_shortcuts((REPO_ROOT / "docs" / "viewer.md").read_text())
    assert documented == bound_shortcuts(make_window())


def documented_menu_keys(ai_plugin_md: str) -> dict[str, str]:
    """docs/ai-plugin.md's AI menu list: entry → key, from ``- **Entry** (shortcut **D**`` or ``(**A**, …``."""
    return dict(re.findall(r"^- \*\*(.+?)\*\* \((?:shortcut )?\*\*([^*]+)\*\*", ai_plugin_md, re.M))


@pytest.mark.gui
def test_ai_menu_keys_are_the_plugin_keys(make_window):
    from PySide6 import QtGui

    window = make_window(load_plugins=True)
    bound = {a.text(): a.shortcut().toString() for a in window.findChildren(QtGui.QAction)
             if a.objectName().startswith("cxr_ai.") and not a.shortcut().isEmpty()}
    assert bound, "the AI plugin added no keyed entry"
    assert documented_menu_keys((REPO_ROOT / "docs" / "ai-plugin.md").read_text()) == bound


def test_reader_study_keys_are_documented():
    from cxr_reader_study.reading.log_out_guard import LOG_OUT_KEY
    from cxr_reader_study.ui.reading_keys import PAUSE_KEY

    text = (REPO_ROOT / "docs" / "reader-study.md").read_text()
    assert f"**{PAUSE_KEY}** pauses" in text and f"**{LOG_OUT_KEY}** logs out" in text
