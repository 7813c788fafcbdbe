"""Headless reading logic: the session, its timing and the AI findings shown in aided arms (no Qt here)."""
