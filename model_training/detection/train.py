"""Train one detector fold (or a pre-training objective): checkpoint every epoch, resume, time budget, AMP on CUDA.

The loop mirrors ``model_training.trainer`` but feeds three tensors (inputs, target map, image label) and applies
the detector's switchable tricks (``detection.epoch``): augmentation/RandAugment, Mixup, positive oversampling,
focal loss. Where the weights start is ``detection.start``'s, the held-out scores ``detection.validation``'s.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader

from model_training import jsrt
from model_training.checkpoint_io import replay_epoch_orders, save_checkpoint
from model_training.detection.channels import grey_channel_indices, lung_probability
from model_training.detection.epoch import EpochRunner, TimeBudget
from model_training.detection.folds import fold_data
from model_training.detection.network import build_detector
from model_training.detection.objectives import objective_for
from model_training.detection.start import restore, start_model
from model_training.detection.tricks import oversampling_sampler
from model_training.detection.validation import fold_tensors, validate
from model_training.interrupts import RunInterrupted, sigterm_as_interrupt
from model_training.loop_parts import pick_device
from model_training.records import write_record


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
    train_set, held_set = fold_tensors(train_data, objective, config), fold_tensors(held_out, objective, config)
    channels_out = 1
    checkpoint_path, start_epoch, history = Path(run_dir) / "checkpoint.pt", 0, []
    resuming = resume and checkpoint_path.exists()
    if resuming:  # the weights come from the run's own checkpoint: the pre-trained one may be gone by now
        model, transferred = build_detector(config, channels_out, rare_positives=objective.detection), []
    else:
        model, transferred = start_model(config, channels_out, objective.detection)
    model = model.to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=run["learning_rate"], weight_decay=run["weight_decay"])
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=max(1, run["epochs"]))
    scaler = torch.amp.GradScaler(device.type, enabled=device.type == "cuda")
    generator = torch.Generator().manual_seed(run["seed"] * 1000 + 1)
    if resuming:
        parts = {"model": model, "optimiser": optimiser, "scheduler": scheduler, "scaler": scaler}
        start_epoch, history, transferred = restore(checkpoint_path, config, parts, generator, device)
    sampler = oversampling_sampler(train_data.labels, config["sampling"]["positive_fraction"], run["seed"])
    loader = DataLoader(train_set, batch_size=run["batch_size"], sampler=sampler, shuffle=sampler is None,
                        generator=torch.Generator().manual_seed(run["seed"]),
                        drop_last=len(train_set) > run["batch_size"])
    replay_epoch_orders(loader, start_epoch, run["max_steps_per_epoch"])
    scored = objective.detection and held_out.labels.any()
    held_lungs = lung_probability(held_out, config["detector"]["lung_model"]) if scored else None
    nodule_fraction = config["sampling"]["nodule_crop_fraction"] if objective.detection else 0.0
    timed = run["schedule"] == "time"
    if timed and start_epoch:
        raise ValueError(f"{checkpoint_path}: a run with schedule = 'time' cannot resume (its schedule restarts)")
    loop_started = time.monotonic()
    budget = TimeBudget(loop_started, max(1.0, run["max_minutes"] * 60 - (loop_started - started))) if timed else None
    epochs = EpochRunner(model, loader, objective, optimiser, scaler, generator, config, device,
                         grey_channel_indices(config["detector"]["inputs"]), nodule_fraction, budget)
    epoch, finished = start_epoch - 1, start_epoch >= run["epochs"]
    interrupted = False
    try:
        with sigterm_as_interrupt():
            for epoch in range(start_epoch, run["epochs"]):
                losses, time_up = epochs.run()
                if not timed:
                    scheduler.step()
                due = (epoch + 1) % run["validate_every"] == 0 or epoch + 1 == run["epochs"] or time_up
                scores = validate(model, objective, held_out, held_set, held_lungs, config, device) if due else {}
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
