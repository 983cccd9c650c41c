"""Schedules and plans (årshjul) of the organs."""
