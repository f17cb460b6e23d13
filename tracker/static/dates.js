// The date fields (templates/_macros.html, date_input): the text is typed freely and read by the
// server (tracker.core.dates.parse_user_date, day first); the button beside it opens a calendar in
// Vietnamese (flatpickr, installed from npm and served from static/vendor) that writes dd/mm/yyyy.
(function () {
  'use strict';
  if (!window.flatpickr) return;
  var locale = Object.assign({}, window.flatpickr.l10ns.vn || {}, {
    monthAriaLabel: 'Tháng trên lịch', yearAriaLabel: 'Năm trên lịch', toggleTitle: 'Bấm để chuyển', scrollTitle: 'Cuộn để tăng'
  });
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  // Only to open the calendar on the month already typed; what the date is, the server decides.
  function shown(text) {
    var m = /^\s*(\d{1,2})\D+(\d{1,2})\D+(\d{4}|\d{2})\s*$/.exec(text) ||
      /^\s*(\d{2})(\d{2})(\d{4}|\d{2})\s*$/.exec(text) || /^\s*(\d)(\d{2})(\d{4})\s*$/.exec(text);
    if (!m) return null;
    var y = +m[3];
    if (y < 100) y += y >= 90 ? 1900 : 2000;
    var d = new Date(y, +m[2] - 1, +m[1]);
    return d.getMonth() === +m[2] - 1 ? d : null;
  }
  function setUp(box) {
    var input = box.querySelector('input[type=text]');
    var button = box.querySelector('.date-pick');
    if (!input || !button || box.dataset.ready) return;
    box.dataset.ready = '1';
    // The calendar belongs to an input of its own, kept out of sight: the typed text is never
    // rewritten by the library (a date it could not read stays for the server to name).
    var anchor = document.createElement('input');
    anchor.type = 'hidden';
    anchor.tabIndex = -1;
    box.parentNode.insertBefore(anchor, box.nextSibling);
    var picker = window.flatpickr(anchor, {
      locale: locale,
      dateFormat: 'd/m/Y',
      monthSelectorType: 'static',
      disableMobile: true,
      clickOpens: false,
      positionElement: input,
      onChange: function (days) {
        if (!days.length) return;
        var d = days[0];
        input.value = pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        picker.close();
        input.focus();
      }
    });
    anchor.hidden = true;
    picker.calendarContainer.setAttribute('aria-label', 'Lịch chọn ngày');
    button.addEventListener('click', function () {
      if (picker.isOpen) { picker.close(); return; }
      var d = shown(input.value);
      if (d) picker.setDate(d, false); else { picker.clear(false); picker.jumpToDate(new Date()); }
      picker.open();
    });
  }
  document.querySelectorAll('[data-date-field]').forEach(setUp);
  window.trackerDateFields = { setUp: setUp };
})();
