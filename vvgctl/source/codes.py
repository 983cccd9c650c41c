"""The codes of what reading a file can find wrong, before any rule runs."""

from __future__ import annotations

from vvgctl.diagnostics import RuleCode

CODES = (
    RuleCode("io", "the file can be read (it exists, is a regular file and is readable)"),
    RuleCode("file-too-large", "a file holds at most 5 MiB (minutes are text)"),
    RuleCode("encoding", "the file is UTF-8 (a BOM and CRLF line endings are accepted)"),
    RuleCode("front-matter", "a meeting file starts with YAML front matter between '---' lines"),
    RuleCode("yaml-syntax", "the YAML is well formed"),
    RuleCode("yaml-duplicate-key", "no key stands twice in one mapping"),
    RuleCode("yaml-alias", "no anchors or aliases (&a, *a): every value is written out"),
    RuleCode("yaml-tag", "no explicit tags (!!str, !python/...): the schema decides the types"),
    RuleCode("yaml-directive", "no %YAML or %TAG directives"),
    RuleCode("yaml-depth", "no nesting deeper than a minutes file needs"),
    RuleCode("schema", "the fields against the models: types, required and unknown fields "
             "(with 'did you mean')"),
)
