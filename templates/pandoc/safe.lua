-- vvgctl: the minutes are untrusted input. Two passes, in this order:
--  1. sanitize: nothing raw, no attributes, no images, no math, only safe links;
--  2. layout: the few classes our own Markdown template uses become the output's layout.
-- The reader already runs with raw_html, raw_attribute, raw_tex, math, citations,
-- attributes and metadata blocks switched off; this filter is the second line of defence.

local LAYOUT = {
  ["doc-header"] = true, ["doc-roster"] = true, ["doc-delegation"] = true,
  ["doc-meta"] = true, ["doc-position"] = true, ["doc-signature"] = true,
  ["doc-interlude"] = true, ["doc-table"] = true, ["doc-column"] = true,
  ["doc-correction"] = true,
}

-- Typst wrappers: most blocks become `#name[ ... ]`; the roster is a grid whose columns are
-- the arguments `#doc-roster([ ... ], [ ... ])`.
local OPEN = { ["doc-roster"] = "#doc-roster(", ["doc-column"] = "[" }
local CLOSE = { ["doc-roster"] = ")", ["doc-column"] = "]," }

local function safe_target(target)
  if target:match("^https?://[^%s]+$") or target:match("^mailto:[^%s]+$") then
    return true
  end
  if target == "" or target:sub(1, 1) == "#" or target:sub(1, 2) == "//" then
    return false
  end
  -- a relative path: no scheme before the first slash
  return not target:match("^[%a][%w+.-]*:")
end

local function plain(text)
  return pandoc.Str(text)
end

local sanitize = {
  RawBlock = function(_) return {} end,
  RawInline = function(_) return {} end,
  Math = function(el) return plain(el.text) end,
  Code = function(el) return plain(el.text) end,
  CodeBlock = function(el) return pandoc.Para({ plain(el.text) }) end,
  Image = function(el) return el.caption end,
  Cite = function(el) return el.content end,
  Span = function(el) return el.content end,
  Link = function(el)
    if safe_target(el.target) then
      return pandoc.Link(el.content, el.target, el.title)
    end
    return el.content
  end,
  Header = function(el)
    return pandoc.Header(el.level, el.content, pandoc.Attr(el.identifier))
  end,
  Div = function(el)
    local kept = {}
    for _, class in ipairs(el.classes) do
      if LAYOUT[class] then table.insert(kept, class) end
    end
    if #kept == 0 then return el.content end
    return pandoc.Div(el.content, pandoc.Attr("", { kept[1] }))
  end,
  Table = function(el)
    el.attr = pandoc.Attr()
    return el
  end,
  Figure = function(el) return el.content end,
}

-- A table of the minutes (the årshjul: meetings across, categories down) for Typst. Pandoc's
-- Typst writer tags a row's label as a data cell (TD); PDF/UA wants it a header (TH). Each
-- label becomes a subheader, `table.header(level: 2)`: the label spanning the meetings'
-- columns, then the meetings' names again, small, in the same header. Typst gives a data
-- cell the header cells of the nearest header above it, so each cell's /Headers is its row
-- (the label) and its column (the meeting): Typst 0.15 marks a cell as a row header only
-- behind a feature flag the Python binding cannot set.
local function cell_typst(cell)
  local text = pandoc.write(pandoc.Pandoc(cell.contents), "typst")
  return "[" .. text:gsub("%s+$", "") .. "]"
end

local function labelled_table(tbl)
  local head = tbl.head.rows[1]
  if not head or #head.cells < 2 then return nil end
  local n = #head.cells - 1
  local out = { "#table(columns: (1fr,) * " .. n .. ", align: left, inset: 4pt,",
                "  stroke: 0.4pt + luma(150),", "  table.header(" }
  for i = 2, #head.cells do
    table.insert(out, "    " .. cell_typst(head.cells[i]) .. ",")
  end
  table.insert(out, "  ),")
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      table.insert(out, "  table.header(level: 2, repeat: false, table.cell(colspan: " .. n ..
        ", fill: luma(232), " .. cell_typst(row.cells[1]) .. "),")
      for i = 2, #head.cells do
        table.insert(out, "    table.cell(inset: (x: 4pt, y: 2pt), text(size: 0.85em, " ..
          "weight: \"regular\", fill: luma(70), " .. cell_typst(head.cells[i]) .. ")),")
      end
      table.insert(out, "  ),")
      for i = 2, #row.cells do
        table.insert(out, "  " .. cell_typst(row.cells[i]) .. ",")
      end
      for _ = #row.cells, n do table.insert(out, "  [],") end
    end
  end
  table.insert(out, ")")
  return pandoc.RawBlock("typst", table.concat(out, "\n"))
end

local layout = {
  Div = function(el)
    local class = el.classes[1]
    if FORMAT == "typst" and class and LAYOUT[class] then
      local blocks = { pandoc.RawBlock("typst", OPEN[class] or ("#" .. class .. "[")) }
      for _, block in ipairs(el.content) do
        local raw = class == "doc-table" and block.t == "Table" and labelled_table(block)
        table.insert(blocks, raw or block)
      end
      table.insert(blocks, pandoc.RawBlock("typst", CLOSE[class] or "]"))
      return blocks
    end
    if FORMAT == "docx" and class then
      el.attr = pandoc.Attr("", {}, { ["custom-style"] = class })
      return el
    end
    return el
  end,
}

return { sanitize, layout }
