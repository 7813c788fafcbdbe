"""Write the detector's model card (markdown) from evaluation records, so every figure in it has a source file.

Out-of-fold records give the model-selection and ablation numbers and the operating points; the single test
evaluation (if any: the engine's ``test`` record or the ``cli-report`` of the same films scored through
``cxr-ai detect``) gives the final figures. A card written before the test evaluation says so instead of guessing.
Paired records (``compare-detectors``) give the ablations' differences on the same films, which is what an
ablation claims; they are a table of their own, not ablation rows.
"""

from __future__ import annotations

import json
from pathlib import Path

from model_training import manifest
from model_training.detection.report import ablation_table, froc_report, paired_table

LIMITATIONS = """- JSRT is small (247 images, one nodule per positive image, 1990s film digitised to 8 bits),
  from Japanese centres; performance on modern digital radiographs, other populations or other scanners is unknown.
- Only a centre and a diameter are known per nodule: the probability map is a model of the nodule, not a contour.
- Out-of-fold figures select settings; only the test split figures estimate performance, and only once.
- Research use only; not for clinical use or diagnosis."""


def _is_test(record: dict) -> bool:
    """The test evaluation: through the engine (``test``) or through ``cxr-ai detect`` on the test split."""
    return record.get("kind") == "test" or (record.get("kind") == "cli-report" and record.get("split") == "test")


def _load(paths: list[Path]) -> list[tuple[Path, dict]]:
    loaded = []
    for path in paths:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        if record.get("task") != "detector" or not (record.get("kind") in ("oof", "paired") or _is_test(record)):
            raise ValueError(f"{path}: not a detector evaluation record (kind oof, test, paired, or cli-report "
                             "of the test split)")
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


def _oof_section(tuned: list[tuple[Path, dict]]) -> list[str]:
    """The operating points and the full out-of-fold FROC of the record that set them (the last tuned, complete one).

    Its operating points are listed above, so the report is rendered without them.
    """
    if not tuned:
        return []
    path, record = tuned[-1]
    lines = ["## Operating points (chosen on out-of-fold predictions)", f"Source: `{path.name}`", ""]
    lines += [f"- `{name}`: threshold {p['threshold']:.4f} (OOF sensitivity {p['sensitivity']:.3f} at "
              f"{p['fp_per_image']:.3f} FP/image)" for name, p in record["tuned"]["operating_points"].items()]
    report = froc_report({key: value for key, value in record.items() if key != "tuned"})
    return lines + ["", "## Out-of-fold evaluation (the record that set the operating points)",
                    f"Source: `{path.name}`" + (f" ({record['label']})" if record.get("label") else ""), "",
                    report.split("\n", 2)[2]]


def _test_section(tests: list[tuple[Path, dict]]) -> list[str]:
    lines = ["## Final evaluation (test split)", ""]
    if not tests:
        return lines + ["Not evaluated on the test split yet: no figure below is a test-set estimate.", ""]
    path, record = tests[0]
    how = ("the shipped command line (`cxr-ai detect`, scored by `cxr-train score-detections`)"
           if record["kind"] == "cli-report" else "the AI engine (`cxr-train evaluate detector --evaluate-on-test`)")
    return lines + [f"Source: `{path.name}`; the test films through {how}.", "", froc_report(record).split("\n", 2)[2]]


def model_card(paths: list[Path], models_dir: Path | None = None) -> str:
    records = _load(paths)
    evaluations = [(path, record) for path, record in records if record["kind"] != "paired"]
    paired = [(path, record) for path, record in records if record["kind"] == "paired"]
    tests = [(path, record) for path, record in evaluations if _is_test(record)]
    tuned = [(path, record) for path, record in evaluations if "tuned" in record and not record.get("partial")]
    if len(tests) > 1:
        raise ValueError(f"{len(tests)} test evaluations ({', '.join(path.name for path, _ in tests)}): the test "
                         "split is evaluated once, for the final ensemble; pass one")
    lines = ["# Model card: lung-nodule detector (cxr_ai)", "", "**Research use only; not for clinical use.**", "",
             "## Model", "U-Net with an ASPP bottleneck and an image-level head; output: per-pixel nodule probability.",
             "The shipped model is the ensemble of the k fold models with test-time flips; candidates come from the "
             "AI engine's post-processing (threshold segmentation, minimum area, lung-field FP reduction, cap), and, "
             "where the pipeline has one, a patch classifier re-scores them (second stage).", "",
             "## Data", "JSRT train+val (196 images, 124 nodules) with stratified k-fold cross-validation for every "
             "choice; the JSRT test split (51 images, 30 nodules) once, for the final ensemble.", ""]
    if models_dir is not None:
        lines += ensemble_section(Path(models_dir))
    lines += _oof_section(tuned) + _test_section(tests)
    lines += ["## Ablations (out-of-fold unless marked test)", "", ablation_table([path for path, _ in evaluations])]
    if paired:
        lines += ["## Paired comparisons (same films, paired bootstrap)", "",
                  "Each row scores A and B on the same films and resamples each film once for both, so the "
                  "interval is that of the difference A − B itself. Out-of-fold unless the films column names "
                  "another split; \"partial\": not every fold present, so fewer films.", "",
                  paired_table([path for path, _ in paired])]
    lines += ["## Limitations", LIMITATIONS, ""]
    return "\n".join(lines)


def write_model_card(paths: list[Path], out: Path, models_dir: Path | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model_card(paths, models_dir), encoding="utf-8")
    return out
