"""``python -m cxr_viewer.index`` runs the study index's command line (the ``cxr-index`` console script)."""

from cxr_viewer.index.cli import main

raise SystemExit(main())
