"""Whether an image is a frontal chest radiograph, so that detection on open never runs by itself on anything else.

The models were trained on PA chest films only (docs/MODEL_CARD.md); on a hand, a CT slice or a lateral they would
spend seconds and could still draw "nodules". The test goes by the DICOM header alone: projection radiography
(``CR``, ``DX``, and ``DR``, which some vendors write for DX) whose body part is ``CHEST`` (or ``THORAX``, as many
European systems write, or ``LUNG``) or not given, and whose view is not a lateral or oblique (``ViewPosition``
``LL``, ``RL``, ``LLO``, ``RLO``, or ``LAT``/``LATERAL``, which some systems write; PA, AP or none pass). A PNG or
JPEG has no header to go by and is taken as a chest film: the user opened it in a chest workstation. Pressing D
still runs on anything.
"""

from __future__ import annotations

from cxr_viewer.core.image import LoadedImage

CHEST_MODALITIES = frozenset({"CR", "DX", "DR"})
CHEST_BODY_PARTS = frozenset({"", "CHEST", "THORAX", "LUNG"})
NOT_FRONTAL_VIEWS = frozenset({"LL", "RL", "LLO", "RLO", "LAT", "LATERAL"})


def _tag(image: LoadedImage, keyword: str) -> str:
    return str(image.dataset.get(keyword, "") or "").strip().upper()


def not_a_chest_film(image: LoadedImage) -> str | None:
    """Why ``image`` is not taken for a frontal chest radiograph (e.g. ``"body part HAND"``, ``"view LL"``), or None
    when it is."""
    if image.dataset is None:
        return None
    modality, body_part = _tag(image, "Modality"), _tag(image, "BodyPartExamined")
    if modality not in CHEST_MODALITIES:
        return f"modality {modality or 'not given'}"
    if body_part not in CHEST_BODY_PARTS:
        return f"body part {body_part}"
    view = _tag(image, "ViewPosition")
    if view in NOT_FRONTAL_VIEWS:
        return f"view {view}"
    return None
