"""The command line: one small module per command, joined in :mod:`vvgctl.cli.app`."""
