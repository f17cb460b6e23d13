// Documents and their tasks: agency pickers usable with 100+ agencies, the fan-out checklist, and the
// deadline fields. Progressive enhancement only: every form works without this file. No inline code (CSP).
(function () {
  "use strict";

  // "Sở Tư pháp" and "so tu phap" match: lower-case, no Vietnamese diacritics.
  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function matches(label, words) {
    var text = fold(label);
    return words.every(function (w) { return text.indexOf(w) !== -1; });
  }

  // ------------------------------------------------------------------ agency pickers
  function selectedSummary(select, box) {
    var names = Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; })
      .map(function (o) { return o.text; });
    box.textContent = names.length ? "Đã chọn (" + names.length + "): " + names.join("; ") : "Chưa chọn cơ quan nào.";
  }

  function enhancePicker(select) {
    var filter = document.createElement("input");
    filter.type = "search";
    filter.className = "form-control form-control-sm mb-1 picker-filter";
    filter.placeholder = "Lọc theo tên cơ quan…";
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    filter.setAttribute("aria-label", "Lọc danh sách: " + (label ? label.textContent.trim() : "cơ quan"));
    filter.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(filter, select);

    filter.addEventListener("input", function () {
      var words = fold(filter.value).split(" ").filter(Boolean);
      var visible = [];
      Array.prototype.forEach.call(select.options, function (o) {
        var show = !o.value || words.length === 0 || matches(o.text, words);
        if (!o.value && words.length && !select.multiple) { show = false; }
        o.hidden = !show;
        if (show && o.value) { visible.push(o); }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
      if (!select.multiple) {
        // While filtering, a single choice opens as a short list showing the matches…
        if (words.length) {
          select.size = Math.min(8, Math.max(2, visible.length + select.querySelectorAll("optgroup:not([hidden])").length));
        } else {
          select.removeAttribute("size");
        }
        // …and one match left is chosen, so typing a name is enough.
        if (visible.length === 1 && words.length) {
          select.value = visible[0].value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
    });
    // Enter in the filter box must not submit the form.
    filter.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });

    if (select.multiple) {
      var summary = document.createElement("div");
      summary.className = "form-text picker-summary";
      summary.setAttribute("aria-live", "polite");
      select.parentNode.insertBefore(summary, select.nextSibling);
      // A click toggles one agency, without holding Ctrl.
      select.addEventListener("mousedown", function (e) {
        var option = e.target;
        if (option.tagName !== "OPTION" || e.shiftKey || e.ctrlKey || e.metaKey) { return; }
        e.preventDefault();
        var top = select.scrollTop;
        option.selected = !option.selected;
        select.focus();
        select.scrollTop = top;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      select.addEventListener("change", function () { selectedSummary(select, summary); });
      selectedSummary(select, summary);
    }
  }

  document.querySelectorAll("select[data-agency-picker]").forEach(enhancePicker);

  // ------------------------------------------------------------------ deadline kind
  document.querySelectorAll("[data-deadline-box]").forEach(function (box) {
    function update() {
      var checked = box.querySelector("input[name='deadline_kind']:checked");
      var kind = checked ? checked.value : "date";
      box.querySelectorAll("[data-show-for]").forEach(function (el) {
        el.hidden = el.getAttribute("data-show-for").split(" ").indexOf(kind) === -1;
      });
    }
    box.addEventListener("change", update);
    update();
  });

  // ------------------------------------------------------------------ fan-out checklist
  document.querySelectorAll("form[data-fan-out]").forEach(function (form) {
    var checklist = form.querySelector("[data-checklist]");
    var hint = form.querySelector("[data-relist-hint]");
    form.querySelectorAll("input[name='groups'], select[name='extra_leads']").forEach(function (el) {
      el.addEventListener("change", function () { if (checklist && hint) { hint.classList.remove("d-none"); } });
    });
    if (!checklist) { return; }

    function recount() {
      var ticked = checklist.querySelectorAll("input[name='leads']:checked").length;
      form.querySelectorAll("[data-ticked-count]").forEach(function (el) { el.textContent = ticked; });
      checklist.querySelectorAll("[data-check-group]").forEach(function (group) {
        var n = group.querySelectorAll("input[name='leads']:checked").length;
        var out = group.querySelector("[data-group-count]");
        if (out) { out.textContent = n; }
      });
    }
    checklist.addEventListener("change", recount);
    checklist.querySelectorAll("[data-check-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("data-check-all") === "1";
        button.closest("[data-check-group]").querySelectorAll("input[name='leads']").forEach(function (box) {
          if (!box.closest(".checklist-item").hidden) { box.checked = on; }
        });
        recount();
      });
    });
    var filter = checklist.querySelector("[data-checklist-filter]");
    if (filter) {
      filter.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
      filter.addEventListener("input", function () {
        var words = fold(filter.value).split(" ").filter(Boolean);
        checklist.querySelectorAll(".checklist-item").forEach(function (item) {
          item.hidden = words.length > 0 && !matches(item.textContent, words);
        });
      });
    }
    recount();
  });
})();
