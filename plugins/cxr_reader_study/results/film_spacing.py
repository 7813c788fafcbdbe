"""Lesion radii from the films as they were read, so the report and the export need no images.

A lesion sized in mm is a radius in pixels only through its film's pixel spacing, and the FROC marks are pixels of
the film the reader saw. The reading station records that film's size and spacing with every display (schema 4,
``views.film_*``), and that record is what the marks are scored with: it is the film the reads were made on, even
if the image folder has moved, gone, or been changed since. Where nothing was recorded (displays before schema 4)
the image's header is read as before; where neither exists the radius stays unknown (NaN) and the case is named,
rather than guessed from the study's ``pixel_spacing_mm`` (which applies only to films without calibration, and
whether the missing film had one is unknown). A film present now that differs from the one recorded, or displays
of one case that recorded different films, are named too: the image was replaced, a data problem to look into.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from cxr_reader_study.design.image_header import UnreadableImage, read_header
from cxr_reader_study.design.model import Case, Study, Task
from cxr_reader_study.storage.records import FilmShown
from cxr_reader_study.storage.store import ReadStore


@dataclass(frozen=True)
class ScoringFilms:
    study: Study  # the study with each mm lesion's radius from its film as read (NaN: unknown)
    unknown: tuple[str, ...]  # scored FROC cases with a lesion whose radius is unknown
    notes: tuple[str, ...]  # films that changed
    never_displayed: tuple[str, ...] = ()  # of ``unknown``, those no display showed (added to the case list later)

    def unknown_note(self) -> str | None:
        """Why the FROC figures were not computed, naming the cases and why each has no film; None when every
        radius is known. A case never displayed has no film recorded because no one read it, not because its
        displays came before schema 4: blaming the station's version would send the user looking for old reads."""
        if not self.unknown:
            return None
        early = [case for case in self.unknown if case not in self.never_displayed]
        named = ", ".join(early) if self.never_displayed else "them"
        why = [f"the reads database records no film for {named} (displayed before the station recorded "
               "each film's pixel spacing, schema 4)"] if early else []
        if self.never_displayed:
            why.append(f"{', '.join(self.never_displayed)} {'was' if len(self.never_displayed) == 1 else 'were'} "
                       "never displayed to a reader (added to the case list after the reading?)")
        return (f"lesion sizes in mm of case(s) {', '.join(self.unknown)} could not be converted to pixels: "
                f"{'; '.join(why)}, and their images are not found where the case list says. So no "
                "figure that depends on which mark hit a lesion was computed (Table 1, the MRMC analysis, the "
                "FROC curves, the AI comparison, the sequential reading, the FROC exports). Put the images back "
                "where the case list names them, or give those sizes in px.")


def _same(a: FilmShown, b: FilmShown) -> bool:
    spacing_same = (a.spacing_mm is None) == (b.spacing_mm is None) and (
        a.spacing_mm is None or math.isclose(a.spacing_mm, b.spacing_mm, rel_tol=1e-6))
    return (a.width, a.height) == (b.width, b.height) and spacing_same


def _text(film: FilmShown) -> str:
    spacing = f"{film.spacing_mm:g} mm" if film.spacing_mm is not None else "no calibration"
    return f"{film.width}×{film.height} px, {spacing}"


def _film_now(case: Case) -> FilmShown | None:
    if not case.image.is_file():
        return None
    try:
        header = read_header(case.image)
    except (UnreadableImage, OSError):
        return None
    return FilmShown(header.width, header.height, header.pixel_spacing_mm)


def _case(case: Case, recorded: list[FilmShown], default: float | None, notes: list[str]) -> tuple[Case, bool]:
    """The case with its mm lesions' radii from the film read (else the film now), and whether one is unknown."""
    now = _film_now(case)
    if len(recorded) > 1:
        notes.append(f"case {case.case_id}: its displays recorded different films ({'; '.join(map(_text, recorded))}); "
                     "its marks were scored with the first")
    if recorded and now is not None and not _same(recorded[0], now):
        notes.append(f"case {case.case_id}: the film at {case.image} is now {_text(now)}, but was read as "
                     f"{_text(recorded[0])}; its marks were scored with the film as read. Check whether the image "
                     "was replaced after reading")
    film = recorded[0] if recorded else now
    spacing = (film.spacing_mm or default) if film is not None else None
    lesions = tuple(replace(lesion, radius_px=lesion.diameter_mm / 2.0 / spacing if spacing else math.nan)
                    if lesion.diameter_mm is not None else lesion for lesion in case.lesions)
    return replace(case, lesions=lesions), any(math.isnan(lesion.radius_px) for lesion in lesions)


def scoring_films(study: Study, store: ReadStore) -> ScoringFilms:
    """The study as its reads are scored, with what is unknown and what changed (see the module's docstring)."""
    films, displayed = store.films_shown(), store.cases_displayed()
    cases, unknown, notes = [], [], []
    for case in study.cases:
        resolved, radius_unknown = _case(case, films.get(case.case_id, []), study.pixel_spacing_mm, notes)
        cases.append(resolved)
        if radius_unknown and not case.training and study.task is Task.FROC:
            unknown.append(case.case_id)
    never = tuple(case for case in unknown if case not in displayed)
    return ScoringFilms(replace(study, cases=tuple(cases)), tuple(unknown), tuple(notes), never)
