"""Reading and writing the files of a repository: YAML, front matter, validation."""
