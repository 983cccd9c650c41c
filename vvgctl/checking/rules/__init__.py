"""Check rules, one module per rule. Each module has ``CODE`` and a ``check`` function; its
docstring is the rule's documentation (``vvgctl rules`` prints them).

File rules get a :class:`~vvgctl.checking.rules.base.FileContext` (one valid meeting);
repository rules get the :class:`~vvgctl.checking.rules.base.RepositoryContext`
(the facts of every meeting). :mod:`vvgctl.checking.registry` lists them.
"""
