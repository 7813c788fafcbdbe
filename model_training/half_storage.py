"""Store an ONNX model's float32 weights as float16 on disk, cast back to float32 when the session loads.

The models folder has a 30 MB budget. Halving the stored weights lets more ensemble members fit, and the graph
still computes in float32: ONNX Runtime folds each ``Cast`` of a constant at session creation, so inference speed
is unchanged. The cost is the weights' rounding (about 3 significant digits), which the exporter measures
against the float32 file and records.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SUFFIX = "__float16"


def store_weights_as_float16(path: Path) -> int:
    """Rewrite ``path`` in place; returns how many initializers were converted."""
    model = onnx.load(str(path))
    graph = model.graph
    kept, casts, converted = [], [], 0
    for initializer in graph.initializer:
        if initializer.data_type != TensorProto.FLOAT:
            kept.append(initializer)
            continue
        values = numpy_helper.to_array(initializer)
        if np.abs(values).max(initial=0.0) > np.finfo(np.float16).max:
            raise ValueError(f"{path}: initializer {initializer.name!r} exceeds the float16 range")
        kept.append(numpy_helper.from_array(values.astype(np.float16), initializer.name + SUFFIX))
        casts.append(helper.make_node("Cast", [initializer.name + SUFFIX], [initializer.name],
                                      to=TensorProto.FLOAT, name=f"cast_{initializer.name}"))
        converted += 1
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return converted
