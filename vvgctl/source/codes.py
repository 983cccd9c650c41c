"""The codes of what reading a file can find wrong, before any rule runs."""

from __future__ import annotations

from vvgctl.diagnostics import RuleCode
from vvgctl.runtime.i18n import N_

CODES = (
    RuleCode("io", N_("the file can be read (it exists, is a regular file and is readable)")),
    RuleCode("file-too-large", N_("a file holds at most 5 MiB (minutes are text)")),
    RuleCode("encoding", N_("the file is UTF-8 (a BOM and CRLF line endings are accepted)")),
    RuleCode(
        "front-matter", N_("a meeting file starts with YAML front matter between '---' lines")
    ),
    RuleCode("yaml-syntax", N_("the YAML is well formed")),
    RuleCode("yaml-duplicate-key", N_("no key stands twice in one mapping")),
    RuleCode("yaml-alias", N_("no anchors or aliases (&a, *a): every value is written out")),
    RuleCode("yaml-tag", N_("no explicit tags (!!str, !python/...): the schema decides the types")),
    RuleCode("yaml-directive", N_("no %YAML or %TAG directives")),
    RuleCode("yaml-depth", N_("no nesting deeper than a minutes file needs")),
    RuleCode(
        "schema",
        N_(
            "the fields against the models: types, required and unknown fields "
            "(with 'did you mean')"
        ),
    ),
)
