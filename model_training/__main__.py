"""``python -m model_training`` runs the ``cxr-train`` CLI."""

import sys

from model_training.cli import main

sys.exit(main())
