// Dashboard and catalog: find an indicator as you type, show one status only, open or close every sector.
(function () {
  "use strict";
  function plain(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }
  var board = document.getElementById("board");
  if (!board) { return; }
  var find = document.getElementById("find");
  var shown = document.getElementById("shown");
  var nothing = document.getElementById("nothing");
  var status = "";
  var rows = Array.prototype.slice.call(board.querySelectorAll("tr.item"));
  rows.forEach(function (row) { row.dataset.plain = plain(row.dataset.search); });
  function apply() {
    var words = plain(find ? find.value : "").split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var ok = words.every(function (w) { return row.dataset.plain.indexOf(w) >= 0; }) &&
        (!status || (" " + row.dataset.status + " ").indexOf(" " + status + " ") >= 0);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    board.querySelectorAll("details.sector").forEach(function (group) {
      var any = group.querySelector("tr.item:not([hidden])");
      group.hidden = !any;
      if ((words.length || status) && any) { group.open = true; }
    });
    if (shown) { shown.textContent = (words.length || status) ? count + " / " + rows.length : ""; }
    if (nothing) { nothing.hidden = count > 0; }
  }
  if (find) { find.addEventListener("input", apply); }
  document.querySelectorAll(".chip").forEach(function (chip) {
    chip.addEventListener("click", function () {
      status = chip.dataset.status || "";
      document.querySelectorAll(".chip").forEach(function (c) { c.classList.toggle("active", c === chip); });
      apply();
    });
  });
  function all(open) {
    board.querySelectorAll("details.sector").forEach(function (d) { d.open = open; });
  }
  var openAll = document.getElementById("open-all");
  var closeAll = document.getElementById("close-all");
  if (openAll) { openAll.addEventListener("click", function () { all(true); }); }
  if (closeAll) { closeAll.addEventListener("click", function () { all(false); }); }
})();
