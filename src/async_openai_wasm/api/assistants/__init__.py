"""Assistants v2: assistants, threads, their messages, runs and run steps."""
