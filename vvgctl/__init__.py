"""vvgctl: a toolkit over a plain-text repository of VVG minutes."""

__version__ = "0.1.0"
