"""Report figures where curves coincide: a reader as good as the AI lay exactly under the dashed AI line and
could not be seen (the audit's R1 unaided, R2 aided at LLF 1.0), though the legend listed them. Checked on the
figure's artists: every reader's line is drawn, above the AI line and the reader average, thinner than what it
lies on, with a marker of its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.results.plots import plot_froc, plot_roc
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore


def _readers_and_ai_equal_to_r1(study_file):
    """The study's simulated reads, and as 'AI' the first reader's reads in the first arm (same curve exactly)."""
    assert simulate([str(study_file), "--override-washout"]) == 0
    study = load_study(study_file)
    store = ReadStore(study.database)
    dataset = build_dataset(study, store)
    store.close()
    froc = dataset.froc and replace(dataset.froc, ll_ratings=dataset.froc.ll_ratings[:1, :1],
                                    nl_ratings=dataset.froc.nl_ratings[:1, :1])
    ai = replace(dataset, readers=("AI",), modalities=dataset.modalities[:1], ratings=dataset.ratings[:1, :1],
                 froc=froc, reading_times=None)
    return dataset, ai


@pytest.mark.parametrize("plot", [plot_roc, plot_froc])
def test_every_reader_line_lies_on_top_of_the_ai_line(plot, froc_study_file, tmp_path):
    dataset, ai = _readers_and_ai_equal_to_r1(froc_study_file)
    figure = plot(dataset, tmp_path / "curves.png", ai)
    assert (tmp_path / "curves.png").stat().st_size > 0
    for ax in figure.axes:
        lines = {line.get_label().split(" (")[0]: line for line in ax.get_lines()}
        readers = [lines[reader] for reader in dataset.readers]
        below = [lines["AI standalone"], lines["reader average"]]
        assert all(line.get_visible() for line in readers)
        for line in readers:
            assert all(line.get_zorder() > other.get_zorder() and line.get_linewidth() < other.get_linewidth()
                       for other in below), line.get_label()
        in_draw_order = sorted(readers, key=lambda line: line.get_zorder())
        widths = [line.get_linewidth() for line in in_draw_order]
        assert widths == sorted(widths, reverse=True) and len(set(widths)) == len(widths)  # thinner on top
        assert len({line.get_marker() for line in readers}) == len(readers)
    first = figure.axes[0]
    r1 = next(line for line in first.get_lines() if line.get_label().startswith(dataset.readers[0]))
    ai_line = next(line for line in first.get_lines() if line.get_label().startswith("AI standalone"))
    assert list(r1.get_xydata().tolist()) == list(ai_line.get_xydata().tolist())  # the case of the audit
