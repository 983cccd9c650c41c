"""The meeting cycle: scaffold, lifecycle, front-matter edits, frozen records."""
