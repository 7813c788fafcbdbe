"""The detector's held-out tensors and the scores written into each validated epoch of the run record."""

from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import TensorDataset

from model_training.detection.channels import stack_inputs
from model_training.detection.objectives import Objective


def fold_tensors(data, objective: Objective, config: dict) -> TensorDataset:
    """(inputs, target maps, image labels, reference lung masks); the masks place the negative crops."""
    inputs = torch.from_numpy(stack_inputs(data, config["detector"]))
    targets = torch.from_numpy(np.ascontiguousarray(objective.targets(data)[:, None], np.float32))
    lungs = torch.from_numpy(np.ascontiguousarray(data.lungs[:, None], np.float32))
    return TensorDataset(inputs, targets, torch.from_numpy(data.labels.astype(np.float32)), lungs)


def validate(model: torch.nn.Module, objective: Objective, held_out, dataset: TensorDataset,
             lungs: np.ndarray | None, config: dict, device: torch.device) -> dict:
    """Held-out loss, and for detection (``lungs`` given) the FROC CPM after the engine's post-processing (no
    bootstrap); one forward pass gives both."""
    from model_training.detection.candidates import image_marks
    from model_training.detection.froc_summary import summarise

    model.eval()
    inputs, targets, labels, _ = dataset.tensors
    losses, maps = [], []
    with torch.no_grad():
        for first in range(0, len(inputs), 8):
            map_logits, image_logit = model(inputs[first:first + 8].to(device))
            losses.append(float(objective.loss(map_logits, image_logit, targets[first:first + 8].to(device),
                                               labels[first:first + 8].to(device))))
            maps.append(torch.sigmoid(map_logits[:, 0].float()).cpu().numpy())
    scores = {"validation_loss": float(np.mean(losses))}
    if lungs is not None:
        summary = summarise(image_marks(held_out, np.concatenate(maps), lungs, config["post"]), replicates=0)
        scores |= {"cpm": summary["metrics"]["cpm"], "image_auc": summary["metrics"]["image_auc"]}
    return scores
