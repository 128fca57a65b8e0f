// The unit picker (portal.forms.widgets.UnitTreeWidget): typing in its search box shows the
// units whose name contains the text, with the units above them, and hides the rest.
document.addEventListener('input', function (event) {
  var input = event.target;
  if (!input.matches || !input.matches('[data-unit-filter]')) { return; }
  var box = input.closest('[data-unit-tree]');
  var text = input.value.trim();
  var items = box.querySelectorAll('li[data-path]');
  var shown = {};
  items.forEach(function (li) {
    var checked = li.querySelector('input:checked');
    if (text && li.dataset.title.indexOf(text) < 0 && !checked) { return; }
    var path = li.dataset.path;
    shown[path] = true;
    while (path && path !== '/') {
      path = path.substring(0, path.lastIndexOf('/')) || '/';
      shown[path] = true;
    }
  });
  var any = false;
  items.forEach(function (li) { li.hidden = !shown[li.dataset.path]; any = any || !li.hidden; });
  box.querySelector('.unit-tree-empty').hidden = any;
});
