"""Swedish as readers and searchers of minutes expect it."""
