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
  all("[data-finding]").forEach(function (el) {
    el.addEventListener("click", function () { show(el.getAttribute("data-finding")); });
    el.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { show(el.getAttribute("data-finding")); } });
  });
  // a value of a table as read and its box on the page light together
  all("td[data-ref]").forEach(function (td) {
    var ref = td.getAttribute("data-ref");
    td.addEventListener("mouseenter", function () { all('.box[data-ref="' + ref + '"]').forEach(function (b) { b.classList.add("hl"); }); });
    td.addEventListener("mouseleave", function () { all('.box[data-ref="' + ref + '"]').forEach(function (b) { b.classList.remove("hl"); }); });
  });
  all(".box.b-cell").forEach(function (b) {
    var ref = b.getAttribute("data-ref");
    b.addEventListener("click", function () {
      var td = document.querySelector('td[data-ref="' + ref + '"]');
      if (td) { all("td.hl").forEach(function (e) { e.classList.remove("hl"); }); td.classList.add("hl"); td.scrollIntoView({ block: "center" }); }
    });
  });
  all("input[data-toggle]").forEach(function (cb) {
    cb.addEventListener("change", function () { document.body.classList.toggle(cb.getAttribute("data-toggle"), cb.checked); });
  });
  if (/^#finding-\d+$/.test(location.hash)) { show(location.hash.slice(1)); }
  window.disclosureReport = { show: show, current: function () { return current; } };
})();
