"""The Qt side of the reader study: the reading dock and the plugin. It only binds widgets to the headless session."""
