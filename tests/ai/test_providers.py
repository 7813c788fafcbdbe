"""Provider selection: auto takes CPU on a CPU-only runtime; an explicit CUDA request that cannot be met is an error."""

from __future__ import annotations

import onnxruntime as ort
import pytest

from cxr_ai.engine import DeviceUnavailableError, Engine
from cxr_ai.engine.providers import CPU, CUDA, choose_provider, physical_cores, session_options


def test_auto_picks_cpu_without_cuda_provider() -> None:
    if CUDA in ort.get_available_providers():
        pytest.skip("this runtime has the CUDA provider; auto would legitimately pick it")
    choice = choose_provider("auto")
    assert choice.device == "cpu" and choice.providers == (CPU,)


def test_cuda_requested_but_unavailable_is_a_clear_error(model_dir) -> None:
    if CUDA in ort.get_available_providers():
        pytest.skip("this runtime has the CUDA provider")
    with pytest.raises(DeviceUnavailableError, match="--device cuda.*onnxruntime-gpu"):
        Engine(model_dir, device="cuda")


def test_unknown_device_is_refused() -> None:
    with pytest.raises(DeviceUnavailableError, match="unknown device 'tpu'"):
        choose_provider("tpu")


def test_cpu_sessions_use_physical_cores() -> None:
    options = session_options("cpu")
    assert options.intra_op_num_threads == physical_cores() >= 1
    assert options.inter_op_num_threads == 1


def test_engine_reports_the_provider_its_sessions_use(engine) -> None:
    assert engine.provider == CPU
    assert all(model.provider == CPU for model in engine.stages.members)
    assert engine.batch_size == 1
