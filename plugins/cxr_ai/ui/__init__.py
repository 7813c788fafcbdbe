"""The AI plugin in the viewer: ``plugin`` and ``findings_dock`` are its Qt side, which only binds; ``logic``,
``session``, ``cancellable``, ``own_layers``, ``report``, ``status_lines`` and ``background`` do the work without Qt.
All of it reaches the viewer through ``cxr_viewer.plugin_api`` only."""
