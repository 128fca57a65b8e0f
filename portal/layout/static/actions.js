/* Page actions without inline handlers (the Content-Security-Policy refuses those, see
   portal/security/headers.py): a button with data-print prints the page; a select with
   data-autosubmit submits its form when changed. Loaded by the staff, public and print frames. */
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
document.addEventListener('change', function (event) {
  if (event.target.matches('select[data-autosubmit]') && event.target.form) {
    event.target.form.submit();
  }
});
