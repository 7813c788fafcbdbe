"""Reader-study plugin: observer studies with and without AI, and their statistics."""
