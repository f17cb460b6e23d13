// A <select multiple data-multi-select> becomes a searchable list with checkboxes (Tom Select,
// installed from npm and served from static/vendor): type part of a number, symbol or name to
// filter, tick as many as needed, no Ctrl key. Without the script it stays a plain multiple select.
(function () {
  'use strict';
  if (!window.TomSelect) return;
  document.querySelectorAll('select[multiple][data-multi-select]').forEach(function (select) {
    var control = new window.TomSelect(select, {
      plugins: {
        checkbox_options: { checkedClassNames: ['ts-checked'], uncheckedClassNames: ['ts-unchecked'] },
        remove_button: { title: 'Bỏ chọn' },
        clear_button: { title: 'Bỏ chọn tất cả' }
      },
      placeholder: select.getAttribute('data-placeholder') || 'Gõ để tìm…',
      hidePlaceholder: false,
      closeAfterSelect: false,
      maxOptions: null,
      render: {
        no_results: function () { return '<div class="no-results">Không tìm thấy mục nào.</div>'; }
      }
    });
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label && control.control_input) {
      control.control_input.setAttribute('aria-label', label.textContent.trim());
    }
  });
})();
