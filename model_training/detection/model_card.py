"""Write the detector's model card (markdown) from evaluation records, so every figure in it has a source file.

Out-of-fold records give the model-selection and ablation numbers and the operating points; the single test
record (if any) gives the final figures. A card written before the test evaluation says so instead of guessing.
"""

from __future__ import annotations

import json
from pathlib import Path

from model_training import manifest
from model_training.detection.report import ablation_table, froc_report

LIMITATIONS = """- JSRT is small (247 images, one nodule per positive image, 1990s film digitised to 8 bits),
  from Japanese centres; performance on modern digital radiographs, other populations or other scanners is unknown.
- Only a centre and a diameter are known per nodule: the probability map is a model of the nodule, not a contour.
- Out-of-fold figures select settings; only the test split figures estimate performance, and only once.
- Research use only; not for clinical use or diagnosis."""


def _load(paths: list[Path]) -> list[tuple[Path, dict]]:
    loaded = []
    for path in paths:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        if record.get("task") != "detector" or record.get("kind") not in ("oof", "test"):
            raise ValueError(f"{path}: not a detector evaluation record (kind oof or test)")
        loaded.append((Path(path), record))
    return loaded


def ensemble_section(models_dir: Path) -> list[str]:
    """What ships, read from the manifest the engine loads, so the card cannot describe another ensemble."""
    pipeline = manifest.read_pipeline(models_dir)
    if not pipeline:
        return ["## Shipped ensemble", f"`{models_dir}` holds no detector pipeline yet.", ""]
    entries = {entry["name"]: entry for entry in manifest.read_manifest(models_dir)}
    members = [entries[name] for name in pipeline["detector"]["members"]]
    devices = sorted({member["training_data"].get("device", "not recorded") for member in members})
    bone = pipeline.get("bone_suppression")
    return ["## Shipped ensemble", f"Source: `{Path(models_dir) / manifest.MANIFEST_NAME}`", "",
            f"- version {pipeline['version']}: {len(members)} members ({', '.join(m['name'] for m in members)})",
            f"- input: {members[0]['input']['size']} px, channels {', '.join(pipeline['detector']['inputs'])}; "
            f"test-time augmentation: {', '.join(pipeline['detector']['tta'])}",
            f"- trained on: {', '.join(devices)}; epochs per member: "
            f"{', '.join(str(m['training_data']['epochs']) for m in members)}",
            f"- lung model: `{pipeline['lung_segmentation']['model']}`; bone suppression: "
            f"{'`' + bone['model'] + '`' if bone else 'not used'}"] + _classifier_lines(pipeline, entries) + [""]


def _classifier_lines(pipeline: dict, entries: dict) -> list[str]:
    classifier = pipeline.get("candidate_classifier")
    if not classifier:
        return ["- candidate classifier: none (stage 1's candidates are the findings)"]
    stored = sorted({entries[name].get("weights_stored_as", "float32") for name in classifier["members"]})
    return [f"- candidate classifier: {len(classifier['members'])} members "
            f"({', '.join(classifier['members'])}), {classifier['patch']} px patches of the film at "
            f"{classifier['canvas']} px, the best {classifier['candidates']} stage-1 candidates re-scored by "
            f"{classifier['score']} with stage 1 (classifier weight {classifier.get('classifier_weight', 0.5):g}); "
            f"TTA {', '.join(classifier['tta'])}",
            f"- weights stored as: {', '.join(stored)} (computed in float32)"]


def model_card(paths: list[Path], models_dir: Path | None = None) -> str:
    records = _load(paths)
    tests = [(path, record) for path, record in records if record["kind"] == "test"]
    tuned = [(path, record) for path, record in records if "tuned" in record and not record.get("partial")]
    if len(tests) > 1:
        raise ValueError("more than one test record: the test split is evaluated once, for the final ensemble")
    lines = ["# Model card: lung-nodule detector (cxr_ai)", "", "**Research use only; not for clinical use.**", "",
             "## Model", "U-Net with an ASPP bottleneck and an image-level head; output: per-pixel nodule probability.",
             "The shipped model is the ensemble of the k fold models with test-time flips; candidates come from the "
             "AI engine's post-processing (threshold segmentation, minimum area, lung-field FP reduction, cap), and, "
             "where the pipeline has one, a patch classifier re-scores them (second stage).", "",
             "## Data", "JSRT train+val (196 images, 124 nodules) with stratified k-fold cross-validation for every "
             "choice; the JSRT test split (51 images, 30 nodules) once, for the final ensemble.", ""]
    if models_dir is not None:
        lines += ensemble_section(Path(models_dir))
    if tuned:
        path, record = tuned[-1]
        lines += ["## Operating points (chosen on out-of-fold predictions)", f"Source: `{path.name}`", ""]
        lines += [f"- `{name}`: threshold {p['threshold']:.4f} (OOF sensitivity {p['sensitivity']:.3f} at "
                  f"{p['fp_per_image']:.3f} FP/image)" for name, p in record["tuned"]["operating_points"].items()]
        lines.append("")
    lines += ["## Final evaluation (test split)", ""]
    if tests:
        lines += [f"Source: `{tests[0][0].name}`", "", froc_report(tests[0][1]).split("\n", 2)[2]]
    else:
        lines += ["Not evaluated on the test split yet: no figure below is a test-set estimate.", ""]
    lines += ["## Ablations (out-of-fold unless marked test)", "", ablation_table([path for path, _ in records]),
              "## Limitations", LIMITATIONS, ""]
    return "\n".join(lines)


def write_model_card(paths: list[Path], out: Path, models_dir: Path | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model_card(paths, models_dir), encoding="utf-8")
    return out
