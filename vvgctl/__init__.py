"""vvgctl: a toolkit over a plain-text repository of minutes."""

import os

__version__ = "0.1.0"

# vvgctl uses no pydantic plugin: without this, building the first model scans every installed
# distribution's entry points (importlib.metadata) for one, a cost on every start (issue 27).
# The variable is pydantic's documented switch; a value the user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
