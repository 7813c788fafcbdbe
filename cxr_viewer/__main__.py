"""``python -m cxr_viewer`` runs the viewer's command line."""

from cxr_viewer.cli import main

raise SystemExit(main())
