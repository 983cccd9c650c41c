"""vvgctl: a toolkit over a plain-text repository of minutes."""

__version__ = "0.1.0"
