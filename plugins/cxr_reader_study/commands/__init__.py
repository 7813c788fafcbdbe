"""The ``cxr-reader`` sub-commands, one module per group; ``cxr_reader_study.cli`` assembles them (no Qt here)."""
