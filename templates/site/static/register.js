// The register of positions: filter (text, organ, type, year) and sort by column. A text
// matches a row when each of its words, or that word's stem, stands in the row.
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

  // The Snowball project's Swedish stemmer (3.1, as `vvgctl search` stems), so that a word
  // finds its inflections: "egenvården" looks for "egenvård", which compounds hold too.
  var VOWELS = "aeiouyäåö";
  var MAIN = ["heterna", "hetens", "anden", "andes", "andet", "arens", "arnas", "ernas",
    "heten", "heter", "ornas", "ades", "ande", "aren", "arna", "arne", "aste", "erna", "erns",
    "orna", "ade", "are", "ast", "ens", "ern", "het", "ad", "ar", "as", "at", "en", "er", "es",
    "et", "or", "a", "e", "s"];
  var NOT_BEFORE_ET = ["fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit",
    "ilit", "mit", "nit", "pit", "rit", "sit", "tit", "uit", "ivit", "kvit", "xit"];
  function vowel(c) { return c !== undefined && c !== "" && VOWELS.indexOf(c) !== -1; }
  function r1(word) {
    if (word.length < 3) { return word.length; }
    for (var i = 1; i < word.length; i += 1) {
      if (!vowel(word[i]) && vowel(word[i - 1])) { return Math.max(i + 1, 3); }
    }
    return word.length;
  }
  function endsWith(word, suffix) { return word.slice(-suffix.length) === suffix; }
  function etCondition(before) {
    var n = before.length;
    return n >= 3 && !vowel(before[n - 1]) && vowel(before[n - 2]) &&
      !NOT_BEFORE_ET.some(function (end) { return endsWith(before, end); });
  }
  function stem(word) {
    var p1 = r1(word);
    var i;
    for (i = 0; i < MAIN.length; i += 1) {
      if (word.length - MAIN[i].length >= p1 && endsWith(word, MAIN[i])) { break; }
    }
    var suffix = MAIN[i];
    if (suffix === "et") {
      if (etCondition(word.slice(0, -2))) { word = word.slice(0, -2); }
    } else if (suffix === "s") {
      if (endsWith(word, "ets") && etCondition(word.slice(0, -3))) {
        word = word.slice(0, -3);
      } else if ("bcdfghjklmnoprtvy".indexOf(word.slice(-2, -1)) !== -1) {
        word = word.slice(0, -1);
      }
    } else if (suffix !== undefined) {
      word = word.slice(0, -suffix.length);
    }
    if (word.length - 2 >= p1 &&
        ["dd", "gd", "nn", "dt", "gt", "kt", "tt"].indexOf(word.slice(-2)) !== -1) {
      word = word.slice(0, -1);
    }
    if (word.length - 5 >= p1 && endsWith(word, "fullt")) {
      word = word.slice(0, -1);
    } else if (word.length - 3 >= p1 && endsWith(word, "öst")) {
      if ("iklnprtuv".indexOf(word.slice(-4, -3)) !== -1 && word.length > 3) {
        word = word.slice(0, -1);
      }
    } else if (word.length - 3 >= p1 && (endsWith(word, "lig") || endsWith(word, "els"))) {
      word = word.slice(0, -3);
    } else if (word.length - 2 >= p1 && endsWith(word, "ig")) {
      word = word.slice(0, -2);
    }
    return word;
  }
  function matches(text, query) {
    return query.split(/[^0-9a-zåäöéü]+/).every(function (word) {
      return !word || text.indexOf(word) !== -1 || text.indexOf(stem(word)) !== -1;
    });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  function apply() {
    var text = form.elements.text.value.trim().toLocaleLowerCase("sv");
    var organ = form.elements.organ.value;
    var type = form.elements.type.value;
    var year = form.elements.year.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = (!text || matches(texts[i], text)) &&
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
