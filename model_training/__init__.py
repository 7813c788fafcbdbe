"""Training pipeline for the shipped models. Importing this package must not import torch."""
