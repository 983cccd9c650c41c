"""What every command runs on: the result cache, worker processes, progress."""
