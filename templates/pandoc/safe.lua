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

-- Every cell of a table written by one pandoc.write, not one each: a write costs ~1 ms
-- whatever its size, which made a 5 x 1,500 table take 7 s and a 60 x 1,500 one past a
-- minute. The cells are parted by a Typst comment that no text can produce (the writer
-- escapes '/' and '*' of text); should the parts not come out one per cell, each cell is
-- written alone.
local PART = "/*doc-cell*/"

local function cells_typst(cells)
  local blocks = {}
  for i, cell in ipairs(cells) do
    if i > 1 then table.insert(blocks, pandoc.RawBlock("typst", PART)) end
    for _, block in ipairs(cell.contents) do table.insert(blocks, block) end
  end
  local text = pandoc.write(pandoc.Pandoc(blocks), "typst") .. PART
  local out, start = {}, 1
  while true do
    local from, to = text:find(PART, start, true)
    if not from then break end
    local part = text:sub(start, from - 1):gsub("^%s+", ""):gsub("%s+$", "")
    table.insert(out, "[" .. part .. "]")
    start = to + 1
  end
  if #out ~= #cells then
    out = {}
    for _, cell in ipairs(cells) do table.insert(out, cell_typst(cell)) end
  end
  return out
end

local function labelled_table(tbl)
  local head = tbl.head.rows[1]
  if not head or #head.cells < 2 then return nil end
  local n = #head.cells - 1
  local cells = {}
  for i = 2, #head.cells do table.insert(cells, head.cells[i]) end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for _, cell in ipairs(row.cells) do table.insert(cells, cell) end
    end
  end
  local written = cells_typst(cells)
  local next_cell = 0
  local function take()
    next_cell = next_cell + 1
    return written[next_cell]
  end
  local out = { "#table(columns: (1fr,) * " .. n .. ", align: left, inset: 4pt,",
                "  stroke: 0.4pt + luma(150),", "  table.header(" }
  local heads = {}
  for _ = 2, #head.cells do
    local written_head = take()
    table.insert(heads, written_head)
    table.insert(out, "    " .. written_head .. ",")
  end
  table.insert(out, "  ),")
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      table.insert(out, "  table.header(level: 2, repeat: false, table.cell(colspan: " .. n ..
        ", fill: luma(232), " .. take() .. "),")
      for _, written_head in ipairs(heads) do
        table.insert(out, "    table.cell(inset: (x: 4pt, y: 2pt), text(size: 0.85em, " ..
          "weight: \"regular\", fill: luma(70), " .. written_head .. ")),")
      end
      table.insert(out, "  ),")
      for _ = 2, #row.cells do
        table.insert(out, "  " .. take() .. ",")
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
