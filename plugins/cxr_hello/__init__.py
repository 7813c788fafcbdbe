"""Example plugin: shows the plugin API in a few lines."""
