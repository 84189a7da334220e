// Small behaviours with no library beyond htmx: "select all" in lists, confirming destructive buttons, and
// selects that send their form (the language switcher): no inline handlers, which the CSP forbids.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.matches && box.matches("select[data-autosubmit]")) { box.form.submit(); return; }
  if (box.matches && box.matches("input[data-select-all]")) {
    var name = box.getAttribute("data-select-all");
    document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (b) { b.checked = box.checked; });
  }
});
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
});
