"""The Qt user interface of the viewer."""
