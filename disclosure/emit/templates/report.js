(function () {
  "use strict";
  var current = null;
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function clear() {
    all(".box.hl, td.hl").forEach(function (e) { e.classList.remove("hl"); });
    all(".active").forEach(function (e) { e.classList.remove("active"); });
    all(".current").forEach(function (e) { e.classList.remove("current"); });
  }
  // show a finding: its entries marked, its page marked current and scrolled to, its boxes lit
  function show(id) {
    clear();
    current = id;
    all('[data-finding="' + id + '"]').forEach(function (e) { e.classList.add("active"); });
    var boxes = all('.box[data-ref="' + id + '"]');
    boxes.forEach(function (b) { b.classList.add("hl"); });
    var item = document.getElementById(id);
    var pages = (item && item.getAttribute("data-pages") || "").split(" ").filter(Boolean);
    var cells = [];
    (item && item.getAttribute("data-values") || "").split(" ").filter(Boolean).forEach(function (ref) {
      all('td[data-ref="' + ref + '"]').forEach(function (td) { td.classList.add("hl"); cells.push(td); });
    });
    var table = item && item.getAttribute("data-table");
    var target = boxes.length ? boxes[0].closest("section.page")
      : pages.length ? document.getElementById("page-" + pages[0])
      : cells.length ? cells[0].closest("section.page")
      : (table && document.getElementById("table-" + table)) || document.getElementById("summary");
    pages.forEach(function (n) { var s = document.getElementById("page-" + n); if (s) { s.classList.add("current"); } });
    if (target) {
      target.classList.add("current");
      (boxes.length ? boxes[0] : cells.length ? cells[0] : target).scrollIntoView({ block: boxes.length || cells.length ? "center" : "start" });
    }
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
  }
  // one listener of each kind on the document (delegation), not one per cell: a report of hundreds
  // of pages has tens of thousands of cells, and binding each delays its opening
  function cellsOf(tr) { return (tr.getAttribute("data-cells") || "").split(" ").filter(Boolean); }
  function lightRefs(refs, on) {
    refs.forEach(function (ref) {
      all('.box[data-ref="' + ref + '"], td[data-ref="' + ref + '"]').forEach(function (e) { e.classList.toggle("hl", on); });
    });
  }
  // an identity of a table's verification: its total's and parts' cells lit in the table and on the page
  function pickIdentity(tr) {
    clear();
    tr.classList.add("active");
    lightRefs(cellsOf(tr), true);
    var first = document.querySelector('.box[data-ref="' + cellsOf(tr)[0] + '"]');
    if (first) { first.scrollIntoView({ block: "center" }); }
  }
  function activate(target) {
    var f = target.closest("[data-finding]");
    if (f) { show(f.getAttribute("data-finding")); return true; }
    var tr = target.closest("tr.ident");
    if (tr) { pickIdentity(tr); return true; }
    return false;
  }
  document.addEventListener("click", function (ev) {
    if (activate(ev.target)) { return; }
    var b = ev.target.closest(".box.b-cell");
    if (b) {
      var td = document.querySelector('td[data-ref="' + b.getAttribute("data-ref") + '"]');
      if (td) { all("td.hl").forEach(function (e) { e.classList.remove("hl"); }); td.classList.add("hl"); td.scrollIntoView({ block: "center" }); }
    }
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && ev.target.closest) { activate(ev.target); } });
  // a value of a table as read and its box on the page light together; an identity's cells on hover
  document.addEventListener("mouseover", function (ev) {
    var td = ev.target.closest("td[data-ref]");
    if (td) { all('.box[data-ref="' + td.getAttribute("data-ref") + '"]').forEach(function (b) { b.classList.add("hl"); }); }
    var tr = ev.target.closest("tr.ident");
    if (tr && !(ev.relatedTarget && tr.contains(ev.relatedTarget))) { lightRefs(cellsOf(tr), true); }
  });
  document.addEventListener("mouseout", function (ev) {
    var td = ev.target.closest("td[data-ref]");
    if (td) { all('.box[data-ref="' + td.getAttribute("data-ref") + '"]').forEach(function (b) { b.classList.remove("hl"); }); }
    var tr = ev.target.closest("tr.ident");
    if (tr && !tr.classList.contains("active") && !(ev.relatedTarget && tr.contains(ev.relatedTarget))) {
      lightRefs(cellsOf(tr), false);
    }
  });
  all("input[data-toggle]").forEach(function (cb) {
    cb.addEventListener("change", function () { document.body.classList.toggle(cb.getAttribute("data-toggle"), cb.checked); });
  });
  if (/^#finding-\d+$/.test(location.hash)) { show(location.hash.slice(1)); }
  window.disclosureReport = { show: show, current: function () { return current; } };
})();
