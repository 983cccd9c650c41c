"""The catalog's extractor (`make messages`; babel.cfg names it): babel's Python extractor, and
the docstring of each rule module, which ``vvgctl rules`` prints as the rule's documentation.

A rule module is one with a top-level ``CODE`` (the contract :mod:`vvgctl.checking.catalogue`
reads: ``CODE``, ``SEVERITIES`` and the docstring). Its docstring stays the one English source;
the msgid is the docstring as :func:`inspect.getdoc` gives it, so that ``vvgctl rules`` finds
the translation by the text it shows. Only pybabel (`make messages` puts the checkout on its
path) and the catalog's tests import this module: babel is a tool of the checkout, not one of
vvgctl's, so this module is kept out of the package.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def rule_docstring(source: str) -> str | None:
    """The cleaned module docstring of a rule module's source, else None."""
    tree = ast.parse(source)
    defines_code = any(
        isinstance(node, ast.Assign | ast.AnnAssign)
        and any(
            isinstance(t, ast.Name) and t.id == "CODE"
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
        for node in tree.body
    )
    return ast.get_docstring(tree, clean=True) if defines_code else None


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """babel's ``extract_python``, plus a rule module's docstring (first, at line 1)."""
    source = fileobj.read()
    encoding = str(options.get("encoding", "utf-8")) if options else "utf-8"
    doc = rule_docstring(source.decode(encoding))
    if doc:
        yield 1, None, doc, []
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
