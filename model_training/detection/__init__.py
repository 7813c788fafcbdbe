"""Lung-nodule detector: probability-map network, training tricks, out-of-fold FROC evaluation, ensemble export.

Importing this package does not import torch; the numpy-only parts (``froc``, ``candidates``, ``tuning``,
``ablation``, ``model_card``) run where torch is absent.
"""
