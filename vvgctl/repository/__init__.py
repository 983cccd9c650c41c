"""A minutes repository: its layout, registry, data files and meetings."""
