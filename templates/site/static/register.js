// The register of positions: filter (text, organ, type, year) and sort by column.
// Without JavaScript the whole table is shown, newest first; the form stays hidden.
(function () {
  "use strict";
  var table = document.getElementById("register");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("register-count");
  var empty = document.getElementById("register-empty");
  var texts = rows.map(function (row) { return row.textContent.toLocaleLowerCase("sv"); });
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  function apply() {
    var text = form.elements.text.value.trim().toLocaleLowerCase("sv");
    var organ = form.elements.organ.value;
    var type = form.elements.type.value;
    var year = form.elements.year.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = (!text || texts[i].indexOf(text) !== -1) &&
        (!organ || row.dataset.organ === organ) && (!type || row.dataset.type === type) &&
        (!year || row.dataset.year === year);
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown + " av " + rows.length + " ställningstaganden";
    if (empty) { empty.hidden = shown !== 0; }
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);

  var collator = new Intl.Collator("sv");
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var key = th.dataset.sort;
    if (!key) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.value || a.cells[column].textContent;
        var y = b.cells[column].dataset.value || b.cells[column].textContent;
        return ascending ? collator.compare(x, y) : collator.compare(y, x);
      });
      rows.forEach(function (row) { body.appendChild(row); });
      texts = rows.map(function (row) { return row.textContent.toLocaleLowerCase("sv"); });
    });
  });
}());
