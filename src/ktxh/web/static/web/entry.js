/* Data-entry grid: move like a spreadsheet (Enter/arrows/Tab), paste a block copied from Excel, mark edited cells.
   Saving is htmx's: each cell posts itself on "change". No library beyond htmx, nothing from the internet. */
(function () {
  "use strict";

  function cellAt(row, col) {
    return document.querySelector('#entry-grid input.cell-input[data-row="' + row + '"][data-col="' + col + '"]');
  }

  function rowsFrom(start, step) {
    /* Rows that have an input, in order: computed rows have none, so skip over them. */
    var rows = Array.prototype.map.call(document.querySelectorAll("#entry-grid input.cell-input"),
      function (el) { return parseInt(el.dataset.row, 10); });
    rows = rows.filter(function (r, i) { return rows.indexOf(r) === i; }).sort(function (a, b) { return a - b; });
    var found = rows.filter(function (r) { return step > 0 ? r > start : r < start; });
    return step > 0 ? found : found.reverse();
  }

  function move(input, dRow, dCol) {
    var row = parseInt(input.dataset.row, 10), col = parseInt(input.dataset.col, 10) + dCol;
    var target = null;
    if (dRow === 0) {
      target = cellAt(row, col);
    } else {
      var next = rowsFrom(row, dRow);
      for (var i = 0; i < next.length && !target; i++) { target = cellAt(next[i], col); }
    }
    if (target) { target.focus(); target.select(); }
    return target;
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("cell-input")) { return; }
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (event.key === "Enter") { event.preventDefault(); move(input, event.shiftKey ? -1 : 1, 0); }
    else if (event.key === "ArrowDown") { event.preventDefault(); move(input, 1, 0); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(input, -1, 0); }
    else if (event.key === "ArrowRight" && (atEnd || all)) { if (move(input, 0, 1)) { event.preventDefault(); } }
    else if (event.key === "ArrowLeft" && (atStart || all)) { if (move(input, 0, -1)) { event.preventDefault(); } }
    else if (event.key === "Escape") { input.value = input.defaultValue; input.classList.remove("dirty"); }
  });

  document.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("cell-input")) {
      event.target.classList.toggle("dirty", event.target.value !== event.target.defaultValue);
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("cell-input")) {
      var line = event.target.closest("tr");
      document.querySelectorAll("#entry-grid tr.current").forEach(function (tr) { tr.classList.remove("current"); });
      if (line) { line.classList.add("current"); }
      /* like a spreadsheet: typing into a cell replaces what it holds (F2 or a second click edits inside it) */
      var input = event.target;
      window.setTimeout(function () { if (document.activeElement === input) { input.select(); } }, 0);
    }
  });

  /* A block copied from Excel: rows by line, columns by tab. Each pasted cell is saved like a typed one. */
  document.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("cell-input")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") < 0 && text.replace(/\r?\n$/, "").indexOf("\n") < 0) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var rows = [parseInt(input.dataset.row, 10)].concat(rowsFrom(parseInt(input.dataset.row, 10), 1));
    var col0 = parseInt(input.dataset.col, 10);
    lines.forEach(function (line, i) {
      if (i >= rows.length) { return; }
      line.split("\t").forEach(function (value, j) {
        var target = cellAt(rows[i], col0 + j);
        if (!target || target.readOnly) { return; }  /* an approved (locked) cell stays as it is */
        target.value = value.trim();
        target.classList.add("dirty");
        target.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  });
})();
