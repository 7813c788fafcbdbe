"""``python -m cxr_reader_study`` is the ``cxr-reader`` command."""

import sys

from cxr_reader_study.cli import main

sys.exit(main())
