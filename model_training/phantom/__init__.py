"""Digital chest phantom: synthetic PA radiographs from separate attenuation layers, and nodule insertion."""

from model_training.phantom.nodules import CtNoduleLibrary, Nodule
from model_training.phantom.render import PhantomCase, generate_case

__all__ = ["CtNoduleLibrary", "Nodule", "PhantomCase", "generate_case"]
