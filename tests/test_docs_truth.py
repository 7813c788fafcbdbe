"""The documentation's commands and keys, checked against the code.

README.md and docs/*.md are how a reader learns the command line and the keyboard; a renamed console script, a
dropped option or a rebound key left in them sends the reader to something the workstation no longer does (the
docs once said ``cxr-reader-study`` for ``cxr-reader``). So every ``cxr-…`` command written as code in the docs
must parse with that script's own parser (sub-commands and options), and docs/viewer.md's shortcut table, the AI
plugin's menu keys and the reader study's keys must be the keys a real window binds, both ways. The docs' module
maps are how a new maintainer finds a module: every module of the shipped packages must be named in its package's
doc, and every module a doc names must still exist (a split or a move leaves the old name behind).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import re
import tomllib
from pathlib import Path

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

    from cxr_viewer.gui.image_keys import ARROW_KEYS, FOCUS_IMAGE_KEY
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


# Module maps. Each package below is named in its docs, module by module: by path (`gui/measure.py`,
# `cxr_viewer/gui/measure.py`), dotted (`cxr_ai.cli_checks`, `stats/analyze_cli`) or bare inside the doc's table
# (`session`). cxr_ai.engine and cxr_ai.dicom are mapped as whole packages in docs/ai-plugin.md; the study index,
# PACS and training docs describe their code by topic, with no module map yet.
ROOTS = {"cxr_viewer": REPO_ROOT / "cxr_viewer", "cxr_ai": REPO_ROOT / "plugins" / "cxr_ai",
         "cxr_reader_study": REPO_ROOT / "plugins" / "cxr_reader_study",
         "model_training": REPO_ROOT / "model_training"}
MODULE_MAPS = {  # a package's folder (its modules, not its sub-packages') → the docs that map it
    "cxr_viewer": ["viewer.md"], "cxr_viewer/gui": ["viewer.md", "pacs.md"],
    "cxr_viewer/core": ["core.md", "viewer.md"], "cxr_viewer/index": ["study-index.md"],
    "cxr_viewer/net": ["pacs.md"], "cxr_viewer/plugin_api": ["plugin-api.md"],
    "cxr_viewer/plugin_api/host": ["plugin-api.md"],
    **{folder: ["ai-plugin.md"] for folder in ("cxr_ai", "cxr_ai/engine", "cxr_ai/dicom", "cxr_ai/ui")},
    "model_training": ["training.md"], "model_training/phantom": ["training.md"],
    "model_training/detection": ["detector.md"], "model_training/detection/second_stage": ["detector.md"],
    **{f"cxr_reader_study/{sub}".rstrip("/"): ["reader-study.md", "reader-statistics.md"]
       for sub in ("", "commands", "design", "formats", "reading", "results", "stats", "storage", "ui")},
}


def _code_spans(text: str) -> list[str]:
    """What a document writes as code, fenced blocks (indented ones too) and spans (a span may wrap)."""
    fence = r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```"
    prose = re.sub(fence, "", text, flags=re.S | re.M)
    spans = [span.replace("\n", " ") for span in re.findall(r"`([^`]+)`", prose)]
    return re.findall(fence, text, re.S | re.M) + spans


def named_modules(text: str) -> set[str]:
    """Every dotted name a document's code could mean: ``gui/measure.py`` gives ``gui.measure``,
    ``loader.load_image`` gives ``loader`` and ``loader.load_image``."""
    names = set()
    for span in _code_spans(text):
        for word in re.findall(r"[A-Za-z_][\w./]*", span):
            if re.search(r"\.(json|toml|md|png|csv|dcm|onnx|pt|txt|xlsx|html|imrmc)$", word):
                continue  # a data file (`report.json`), not a module
            parts = re.sub(r"\.py$", "", word.rstrip("./")).replace("/", ".").split(".")
            names |= {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
    return names


def _module_folder(folder: str) -> Path:
    root, _, sub = folder.partition("/")
    return ROOTS[root] / sub


def unmapped_modules() -> list[str]:
    """Each module of a mapped package whose docs name it in none of the accepted forms, and each package left out
    of the maps (a new sub-package must say where its modules are told)."""
    packages = {f"{root}/{init.parent.relative_to(top)}".removesuffix("/.")
                for root, top in ROOTS.items() for init in top.rglob("__init__.py")}
    missing = [f"{folder}/ (a package MODULE_MAPS leaves out)" for folder in sorted(packages - set(MODULE_MAPS))]
    for folder, docs in MODULE_MAPS.items():
        named = set().union(*(named_modules((REPO_ROOT / "docs" / doc).read_text()) for doc in docs))
        for path in sorted(_module_folder(folder).glob("*.py")):
            if path.name in ("__init__.py", "__main__.py"):
                continue
            parts = [*folder.split("/"), path.stem]
            if not {".".join(parts[start:]) for start in range(len(parts))} & named:
                missing.append(f"{folder}/{path.name} (in {' or '.join(docs)})")
    return missing


def test_every_module_is_in_its_module_map():
    missing = unmapped_modules()
    assert not missing, "modules no doc's module map names:\n" + "\n".join(missing)


@functools.cache
def _python_files() -> list[str]:
    """The repository's .py paths (not the virtual environment's or other hidden folders', nor scratch data)."""
    return [str(path.relative_to(REPO_ROOT)) for top in REPO_ROOT.iterdir()
            if top.is_dir() and not top.name.startswith(".") and top.name != "work_data"
            for path in top.rglob("*.py")] + [path.name for path in REPO_ROOT.glob("*.py")]


def _dotted_exists(name: str) -> bool:
    """Whether ``cxr_ai.engine.chest_view`` exists: a module, a name inside one, or a name a package's __init__
    holds. A name one level under the root that is neither module nor package is an action id or a key
    (``cxr_ai.detect``), not a module, so only what goes on into a sub-package is held to it."""
    root, *rest = name.split(".")
    here = ROOTS[root]
    for depth, part in enumerate(rest):
        if (here / f"{part}.py").is_file():
            return True  # what follows is a name inside that module
        if not (here / part).is_dir():
            init = here / "__init__.py"
            return depth == 0 or re.search(rf"\b{part}\b", init.read_text()) is not None
        here = here / part
    return True


def stale_module_names(text: str) -> list[str]:
    """The .py paths and the dotted names under a shipped package in ``text``'s code that name no file: left behind
    by a split or a move. A path counts where some file's path ends with it (``froc_summary.py``)."""
    files = _python_files()
    stale = []
    for span in _code_spans(text):
        for path in re.findall(r"(?<![\w./-])([\w/.-]*\w\.py)\b", span):
            if not any(file == path or file.endswith("/" + path) for file in files):
                stale.append(path)
        for dotted in re.findall(rf"(?<![\w./-])((?:{'|'.join(ROOTS)})(?:\.\w+)+)", span):
            if not dotted.endswith(".py") and not _dotted_exists(dotted):
                stale.append(dotted)
    return sorted(set(stale))


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_module_a_doc_names_exists(doc):
    assert stale_module_names(doc.read_text()) == []


def test_stale_names_are_told_from_prose():
    text = ("`gui/measure.py`, `gui/gone.py`, `viewer.json`, `cxr_ai.detect` (an action id),"
            " `cxr_ai.engine.chest_view`, `cxr_ai.engine.gone`, `froc_summary.py`, `cxr_viewer.__version__`")
    assert stale_module_names(text) == ["cxr_ai.engine.gone", "gui/gone.py"]
    assert "viewer" not in named_modules(text) and "gui.measure" in named_modules(text)
