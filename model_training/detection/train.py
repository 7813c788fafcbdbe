"""Train one detector fold (or a pre-training objective): checkpoint every epoch, resume, time budget, AMP on CUDA.

The loop mirrors ``model_training.trainer`` but feeds three tensors (inputs, target map, image label) and applies
the detector's switchable tricks: augmentation/RandAugment, Mixup, positive oversampling, focal loss.
"""

from __future__ import annotations

import copy
import math
import time
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model_training import jsrt
from model_training.checkpoint_io import replay_epoch_orders, save_checkpoint
from model_training.detection.augment import augment
from model_training.detection.channels import grey_channel_indices, lung_probability, stack_inputs
from model_training.detection.crops import random_crops
from model_training.detection.folds import fold_data
from model_training.detection.network import build_detector, transfer_weights
from model_training.detection.objectives import objective_for
from model_training.detection.tricks import mixup, oversampling_sampler
from model_training.detection.settings import DETECTOR_DEFAULTS
from model_training.interrupts import RunInterrupted, sigterm_as_interrupt
from model_training.records import write_record
from model_training.resume_check import refuse_changed_config
from model_training.trainer import optimise_step, pick_device


def _tensors(data, objective, config) -> TensorDataset:
    """(inputs, target maps, image labels, reference lung masks); the masks place the negative crops."""
    inputs = torch.from_numpy(stack_inputs(data, config["detector"]))
    targets = torch.from_numpy(np.ascontiguousarray(objective.targets(data)[:, None], np.float32))
    lungs = torch.from_numpy(np.ascontiguousarray(data.lungs[:, None], np.float32))
    return TensorDataset(inputs, targets, torch.from_numpy(data.labels.astype(np.float32)), lungs)


def _validate(model, objective, held_out, dataset, lungs, config, device) -> dict:
    """Held-out loss, and for detection the FROC CPM after the engine's post-processing (no bootstrap); one
    forward pass gives both."""
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


def _time_schedule(optimiser: torch.optim.Optimizer, base_lr: float, fraction: float) -> None:
    """Cosine decay over the time budget instead of the epochs: a GPU call is time-boxed and its epoch rate is
    unknown until it runs, so a run cut by its budget must still end annealed, not at a high learning rate."""
    for group in optimiser.param_groups:
        group["lr"] = 0.5 * base_lr * (1 + math.cos(math.pi * min(fraction, 1.0)))


def _start_model(config: dict, channels_out: int, detection: bool) -> tuple[torch.nn.Module, list[str]]:
    model = build_detector(config, channels_out, rare_positives=detection)
    source = config["pretrain"]["checkpoint"]
    if not source:
        return model, []
    if not Path(source).is_file():
        raise FileNotFoundError(f"{source}: pre-trained checkpoint (pretrain.checkpoint) not found")
    return model, transfer_weights(model, torch.load(source, map_location="cpu", weights_only=False)["model"])


def train_detector(config: dict, run_dir: Path, device_name: str = "auto", resume: bool = False,
                   shared: Path | None = None, results_dir: Path | None = None) -> dict:
    """Train ``config``'s fold; returns the run record (also written as JSON)."""
    started, device, run = time.monotonic(), pick_device(device_name), config["run"]
    hardware = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"  # recorded with the weights
    torch.manual_seed(run["seed"])
    objective = objective_for(config)
    data_config = copy.deepcopy(config)
    if config["pretrain"]["mode"] == "phantom":
        data_config["data"]["source"] = "phantom"
    train_data, held_out, description = fold_data(data_config, shared or jsrt.shared_root())
    train_set, held_set = _tensors(train_data, objective, config), _tensors(held_out, objective, config)
    channels_out = 1
    checkpoint_path, start_epoch, history = Path(run_dir) / "checkpoint.pt", 0, []
    resuming = resume and checkpoint_path.exists()
    if resuming:  # the weights come from the run's own checkpoint: the pre-trained one may be gone by now
        model, transferred = build_detector(config, channels_out, rare_positives=objective.detection), []
    else:
        model, transferred = _start_model(config, channels_out, objective.detection)
    model = model.to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=run["learning_rate"], weight_decay=run["weight_decay"])
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=max(1, run["epochs"]))
    scaler = torch.amp.GradScaler(device.type, enabled=device.type == "cuda")
    generator = torch.Generator().manual_seed(run["seed"] * 1000 + 1)
    if resuming:
        state = torch.load(checkpoint_path, map_location=device, weights_only=False)
        refuse_changed_config(state.get("config", {}), config, DETECTOR_DEFAULTS, checkpoint_path)
        for part, target in (("model", model), ("optimiser", optimiser), ("scheduler", scheduler), ("scaler", scaler)):
            target.load_state_dict(state[part])
        generator.set_state(state["generator"])
        start_epoch, history, transferred = state["epoch"] + 1, state["history"], state.get("transferred", [])
    sampler = oversampling_sampler(train_data.labels, config["sampling"]["positive_fraction"], run["seed"])
    loader = DataLoader(train_set, batch_size=run["batch_size"], sampler=sampler, shuffle=sampler is None,
                        generator=torch.Generator().manual_seed(run["seed"]),
                        drop_last=len(train_set) > run["batch_size"])
    replay_epoch_orders(loader, start_epoch, run["max_steps_per_epoch"])
    grey = grey_channel_indices(config["detector"]["inputs"])
    scored = objective.detection and held_out.labels.any()
    held_lungs = lung_probability(held_out, config["detector"]["lung_model"]) if scored else None
    nodule_fraction = config["sampling"]["nodule_crop_fraction"] if objective.detection else 0.0
    timed, time_up = run["schedule"] == "time", False
    if timed and start_epoch:
        raise ValueError(f"{checkpoint_path}: a run with schedule = 'time' cannot resume (its schedule restarts)")
    loop_started = time.monotonic()
    budget_s = max(1.0, run["max_minutes"] * 60 - (loop_started - started))  # what data loading left
    epoch, finished = start_epoch - 1, start_epoch >= run["epochs"]
    interrupted = False
    try:
        with sigterm_as_interrupt():
            for epoch in range(start_epoch, run["epochs"]):
                model.train()
                losses = []
                for step, (inputs, targets, labels, lung_masks) in enumerate(loader):
                    if run["max_steps_per_epoch"] and step >= run["max_steps_per_epoch"]:
                        break
                    if timed:
                        fraction = (time.monotonic() - loop_started) / budget_s
                        time_up = fraction >= 1.0
                        if time_up:
                            break
                        _time_schedule(optimiser, run["learning_rate"], fraction)
                    if config["data"]["crop"]:
                        inputs, targets, labels = random_crops(inputs, targets, lung_masks, config["data"]["crop"],
                                                               nodule_fraction, generator)
                    inputs, targets, labels = inputs.to(device), targets.to(device), labels.to(device)  # augment on GPU
                    inputs, targets = augment(inputs, targets, grey, generator, config)
                    inputs, targets = objective.prepare(inputs, targets, generator)
                    if objective.detection and config["mixup"]["enabled"]:
                        inputs, targets, labels = mixup(inputs, targets, labels, generator, config["mixup"]["alpha"],
                                                        config["mixup"]["probability"])
                    with torch.autocast(device.type, dtype=torch.float16, enabled=device.type == "cuda"):
                        loss = objective.loss(*model(inputs), targets, labels)
                    losses.append(optimise_step(loss, optimiser, scaler))
                if timed:
                    time_up = time_up or time.monotonic() - loop_started >= budget_s
                else:
                    scheduler.step()
                due = (epoch + 1) % run["validate_every"] == 0 or epoch + 1 == run["epochs"] or time_up
                scores = _validate(model, objective, held_out, held_set, held_lungs, config, device) if due else {}
                history.append({"epoch": epoch, "train_loss": float(np.mean(losses)) if losses else None, **scores})
                finished = epoch + 1 >= run["epochs"] or time_up  # a timed run ends annealed when its budget is spent
                save_checkpoint({"model": model.state_dict(), "optimiser": optimiser.state_dict(),
                                 "scheduler": scheduler.state_dict(), "scaler": scaler.state_dict(),
                                 "generator": generator.get_state(), "epoch": epoch, "history": history,
                                 "config": config, "channels_out": channels_out, "objective": objective.name,
                                 "transferred": transferred, "device_name": hardware,
                                 "finished": finished}, checkpoint_path)
                if time_up or (not timed and (time.monotonic() - started) / 60 > run["max_minutes"]):
                    break  # a timed run stops by its own budget, which is what data loading left of max_minutes
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM: record the epochs finished, then stop
        interrupted = True
    record = {"task": "detector", "kind": "train", "objective": objective.name, "config": config, "seed": run["seed"],
              "device": str(device), "device_name": hardware, "torch": torch.__version__,
              "epochs_done": history[-1]["epoch"] + 1 if history else 0, "finished": finished and not interrupted,
              "interrupted": interrupted, "schedule": run["schedule"],
              "seconds": round(time.monotonic() - started, 1), "data": description, "history": history,
              "metrics": history[-1] if history else {}, "checkpoint": str(checkpoint_path),
              "transferred_parameters": len(transferred)}
    record["record_file"] = str(write_record(record, results_dir))
    if interrupted:
        raise RunInterrupted(record["record_file"])
    return record
