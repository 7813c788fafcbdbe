"""Qt side of the AI plugin: the action, the findings dock and the overlay layers (talks to the viewer via its API)."""
