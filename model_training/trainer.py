"""The training loop shared by all tasks: device choice, mixed precision, DDP, checkpoints with resume, time budget.

A run stops cleanly when its time budget is spent and leaves ``checkpoint.pt``; calling it again with ``resume``
continues at the next epoch with the same optimiser, scaler and random state, so 10-minute device calls add up.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import torch
from torch import distributed
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler

from model_training import jsrt
from model_training.augment import augment_batch
from model_training.checkpoint_io import replay_epoch_orders, save_checkpoint
from model_training.config import DEFAULTS
from model_training.interrupts import RunInterrupted, sigterm_as_interrupt
from model_training.loop_parts import optimise_step, pick_device
from model_training.records import write_record
from model_training.resume_check import refuse_changed_config
from model_training.tasks import TASKS


def _predict(model: torch.nn.Module, dataset, device: torch.device, batch_size: int) -> tuple:
    model.eval()
    outputs = []
    with torch.no_grad():
        for images, _ in DataLoader(dataset, batch_size=batch_size):
            outputs.append(model(images.to(device)).float().cpu())
    inputs, targets = dataset.tensors
    return inputs.numpy(), torch.cat(outputs).numpy(), targets.numpy()


def train(config: dict, run_dir: Path, device_name: str = "auto", resume: bool = False,
          shared: Path | None = None, results_dir: Path | None = None) -> dict:
    """Train ``config['run']['task']``; returns the run record (also written as JSON by rank 0).

    Under torchrun the process group this call starts is also destroyed by it: a worker that exits with gloo's
    threads still running is aborted ("terminate called without an active exception"), failing the launch.
    """
    device = pick_device(device_name)
    if device.type == "cuda" and "LOCAL_RANK" in os.environ:
        device = torch.device("cuda", int(os.environ["LOCAL_RANK"]))
    world = int(os.environ.get("WORLD_SIZE", "1"))
    owns_group = world > 1 and not distributed.is_initialized()
    if owns_group:
        distributed.init_process_group("nccl" if device.type == "cuda" else "gloo")
    try:
        return _train(config, Path(run_dir), device, distributed.get_rank() if world > 1 else 0, world,
                      resume, shared, results_dir)
    finally:
        if owns_group:
            distributed.destroy_process_group()


def _train(config: dict, run_dir: Path, device: torch.device, rank: int, world: int, resume: bool,
           shared: Path | None, results_dir: Path | None) -> dict:
    started = time.monotonic()
    run, task = config["run"], TASKS[config["run"]["task"]]
    torch.manual_seed(run["seed"] + rank)
    np.random.seed(run["seed"] + rank)
    train_set, validation_set, data_description = task.load_data(config, shared or jsrt.shared_root())
    model = task.build_model(config).to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=run["learning_rate"], weight_decay=run["weight_decay"])
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=max(1, run["epochs"]))
    scaler = torch.amp.GradScaler(device.type, enabled=device.type == "cuda")
    generator = torch.Generator().manual_seed(run["seed"] * 1000 + rank)
    checkpoint_path, start_epoch, history = run_dir / "checkpoint.pt", 0, []
    if resume and checkpoint_path.exists():
        state = torch.load(checkpoint_path, map_location=device, weights_only=False)
        refuse_changed_config(state.get("config", {}), config, DEFAULTS, checkpoint_path)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        scheduler.load_state_dict(state["scheduler"])
        scaler.load_state_dict(state["scaler"])
        generator.set_state(state["generator"])
        start_epoch, history = state["epoch"] + 1, state["history"]
    wrapped = DistributedDataParallel(model) if world > 1 else model
    sampler = DistributedSampler(train_set, world, rank, seed=run["seed"]) if world > 1 else None
    loader = DataLoader(train_set, batch_size=run["batch_size"], sampler=sampler, shuffle=sampler is None,
                        generator=torch.Generator().manual_seed(run["seed"]), drop_last=len(train_set) > run["batch_size"])
    replay_epoch_orders(loader, start_epoch, run["max_steps_per_epoch"])
    epoch, finished = start_epoch - 1, start_epoch >= run["epochs"]
    interrupted = False
    try:
        with sigterm_as_interrupt():
            for epoch in range(start_epoch, run["epochs"]):
                if sampler is not None:
                    sampler.set_epoch(epoch)
                wrapped.train()
                losses = []
                for step, (images, targets) in enumerate(loader):
                    if run["max_steps_per_epoch"] and step >= run["max_steps_per_epoch"]:
                        break
                    if config["augment"]["enabled"]:
                        images, targets = augment_batch(images, targets, generator, config["augment"],
                                                        task.intensity_on_target)
                    images, targets = images.to(device), targets.to(device)
                    with torch.autocast(device.type, dtype=torch.bfloat16 if device.type == "cpu" else torch.float16,
                                        enabled=device.type == "cuda"):
                        loss = task.loss(wrapped(images), targets)
                    losses.append(optimise_step(loss, optimiser, scaler))
                scheduler.step()
                scores = task.validate(*_predict(model, validation_set, device, run["batch_size"])) if rank == 0 else {}
                history.append({"epoch": epoch, "train_loss": float(np.mean(losses)) if losses else None, **scores})
                if rank == 0:
                    save_checkpoint({"model": model.state_dict(), "optimiser": optimiser.state_dict(),
                                     "scheduler": scheduler.state_dict(), "scaler": scaler.state_dict(),
                                     "generator": generator.get_state(), "epoch": epoch, "history": history,
                                     "config": config},
                                    checkpoint_path)
                finished = epoch + 1 >= run["epochs"]
                if (time.monotonic() - started) / 60 > run["max_minutes"]:
                    break
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM: record the epochs finished, then stop
        interrupted = True
    if world > 1 and not interrupted:  # an interrupted rank may never reach the barrier
        distributed.barrier()
    record = {"task": task.name, "kind": "train", "config": config, "seed": run["seed"], "device": str(device),
              "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
              "world_size": world, "torch": torch.__version__,
              "epochs_done": history[-1]["epoch"] + 1 if history else 0,
              "finished": finished and not interrupted, "interrupted": interrupted,
              "seconds": round(time.monotonic() - started, 1), "data": data_description, "history": history,
              "metrics": history[-1] if history else {}, "checkpoint": str(checkpoint_path)}
    if rank == 0:
        record["record_file"] = str(write_record(record, results_dir))
    if interrupted:
        raise RunInterrupted(record.get("record_file"))
    return record
