// The file fields (templates/_macros.html, file_input): the names and sizes of the files chosen, in
// Vietnamese, instead of the browser's "No file chosen".
(function () {
  'use strict';
  function size(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1).replace('.', ',') + ' MB';
    return Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }
  document.querySelectorAll('[data-file-field]').forEach(function (box) {
    var input = box.querySelector('input[type=file]');
    var chosen = box.querySelector('.file-field-chosen');
    var list = box.querySelector('.file-field-list');
    function show() {
      var files = Array.prototype.slice.call(input.files || []);
      list.innerHTML = '';
      files.forEach(function (file) {
        var item = document.createElement('li');
        item.textContent = file.name + ' (' + size(file.size) + ')';
        list.appendChild(item);
      });
      list.hidden = files.length < 2;
      chosen.textContent = files.length === 0 ? chosen.getAttribute('data-empty')
        : files.length === 1 ? files[0].name + ' (' + size(files[0].size) + ')'
        : 'Đã chọn ' + files.length + ' tệp:';
      chosen.classList.toggle('text-secondary', files.length === 0);
    }
    input.addEventListener('change', show);
    show();
  });
})();
