"""Rendering minutes, agendas and the årshjul: Jinja -> Markdown -> pandoc -> Typst -> PDF.

``markdown`` turns a validated meeting into Markdown (every YAML string escaped), ``pandoc``
is the one place pandoc runs (sandboxed, raw and attribute extensions off, a sanitising Lua
filter), ``typst`` the one place Typst compiles (PDF/UA-1 + PDF/A-2a, root a clean temporary
folder), and ``pipeline`` joins them, skipping inputs whose content hash has not changed.
"""
