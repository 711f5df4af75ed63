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
    var heads = Array.prototype.slice.call(board.children);
    heads.forEach(function (head, index) {
      if (head.tagName !== "H2") { return; }
      var depth = parseInt((head.className.match(/depth-(\d+)/) || [0, 0])[1], 10);
      var any = false;
      for (var i = index + 1; i < heads.length; i += 1) {
        var next = heads[i];
        if (next.tagName === "H2" && parseInt((next.className.match(/depth-(\d+)/) || [0, 0])[1], 10) <= depth) { break; }
        if (next.tagName === "DETAILS" && !next.hidden) { any = true; break; }
      }
      head.hidden = !any;
    });
    if (shown) { shown.textContent = (words.length || status) ? count + " / " + rows.length : ""; }
    if (nothing) { nothing.hidden = count > 0; }
  }
  if (find) { find.addEventListener("input", apply); if (find.value) { apply(); } }
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
