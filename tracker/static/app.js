// Small progressive enhancements; every page works without them. No inline scripts (CSP).
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
// A form is sent once: a double click (or a second press while the page loads) sends nothing more.
// The server refuses a replayed form too (one-time form key); this spares the round trip.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") { return; }
  if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
  form.setAttribute("data-sending", "1");
  var buttons = form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  // After the browser has read the form (a button disabled now would not send its name and value).
  window.setTimeout(function () { buttons.forEach(function (b) { b.disabled = true; }); }, 0);
  // A form answered by a download leaves the page in place: usable again after a while.
  window.setTimeout(function () {
    form.removeAttribute("data-sending");
    buttons.forEach(function (b) { b.disabled = false; });
  }, 8000);
});
// Back to a page kept by the browser: its forms are usable again.
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) { return; }
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    form.removeAttribute("data-sending");
    form.querySelectorAll("[type=submit], button:not([type])").forEach(function (b) { b.disabled = false; });
  });
});
// Keep what a user typed if the page is left by mistake with unsaved changes.
document.querySelectorAll("form.guard-unsaved").forEach(function (form) {
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
});
// Selecting all rows of a bulk-action table.
document.querySelectorAll("input[data-select-all]").forEach(function (box) {
  box.addEventListener("change", function () {
    document.querySelectorAll("input[name='" + box.getAttribute("data-select-all") + "']").forEach(function (b) { b.checked = box.checked; });
  });
});
