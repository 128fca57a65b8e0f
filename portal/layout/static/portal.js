/* The staff frame's start-up, loaded at the end of every page (no inline scripts: see the
   Content-Security-Policy in portal/security/headers.py). */
deform.load();
document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
  new bootstrap.Tooltip(el, {trigger: 'hover focus click'});
});
/* A field asked only when a check box of its form is ticked (schemas.fields.shown_when). */
document.querySelectorAll('[data-shown-when]').forEach(function (item) {
  var box = item.closest('form').querySelector('input[type="checkbox"][name="' + item.dataset.shownWhen + '"]');
  if (!box) { return; }
  var sync = function () { item.hidden = !box.checked; };
  box.addEventListener('change', sync);
  sync();
});
/* A form's error summary (portal/forms/templates/form.pt): shown first, and each link puts the
   focus in the field it names. */
document.querySelectorAll('.error-summary').forEach(function (summary) {
  summary.focus();
  summary.querySelectorAll('a[href^="#"]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) { return; }
      event.preventDefault();
      field.scrollIntoView({block: 'center'});
      field.focus();
    });
  });
});
