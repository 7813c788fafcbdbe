"""AI plugin: lung-nodule detection with bone suppression and lung masking (research use only)."""

__version__ = "0.1.0"
