// The public programme page: a printed page shows every group's members.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.pub-members").forEach((d) => { d.open = true; });
});
