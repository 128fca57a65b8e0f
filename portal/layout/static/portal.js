/* The staff frame's start-up, loaded at the end of every page (no inline scripts: see the
   Content-Security-Policy in portal/security/headers.py). */
deform.load();
document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
  new bootstrap.Tooltip(el, {trigger: 'hover focus click'});
});
