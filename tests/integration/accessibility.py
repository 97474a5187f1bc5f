"""An accessibility audit of a page open in Playwright, with axe-core from npm (web/package.json's
dev dependency, installed by scripts/web.sh; it is never served to visitors) and keyboard helpers
for walking a page with Tab alone."""

from __future__ import annotations

from typing import Dict, List

from tests.conftest import PROJECT_ROOT

AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# What axe found, cut down to what a failure message needs.
_RUN_AXE = """async (tags) => {
  const results = await window.axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({target: node.target.join(" "), summary: node.failureSummary})),
  }));
}"""


def axe_violations(page, tags: List[str] = WCAG_21_AA) -> List[Dict]:
    """Runs axe-core in ``page`` (injected through the DevTools protocol, which the page's
    Content-Security-Policy does not block) and returns the violations of ``tags``' rules."""
    assert AXE.exists(), f"{AXE} is missing: run scripts/web.sh (npm ci installs axe-core)"
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(_RUN_AXE, tags)


def describe_violations(violations: List[Dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def focused_element(page) -> Dict:
    """What has the keyboard focus: its tag, classes, accessible name and text."""
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          if (!element || element === document.body) return {tag: "body", classes: "", role: "", name: "", text: ""};
          return {
            tag: element.tagName.toLowerCase(),
            classes: element.getAttribute("class") || "",
            role: element.getAttribute("role") || "",
            name: element.getAttribute("aria-label") || element.innerText || "",
            text: (element.innerText || "").trim(),
          };
        }"""
    )


def tab_until(page, wanted, backwards: bool = False, limit: int = 60) -> Dict:
    """Presses Tab (Shift+Tab when ``backwards``) until ``wanted(focused_element)`` holds and
    returns that element; fails with the elements passed on the way if it never does."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = focused_element(page)
        if wanted(focused):
            return focused
        passed.append(f"{focused['tag']}.{focused['classes']} {focused['name'][:40]!r}")
    raise AssertionError(f"{limit} presses of Tab never reached the element; focus went to: {passed}")


def start_keyboard_walk(page) -> None:
    """Puts the keyboard at the top of the page, as for someone arriving there: the next Tab
    goes to the first control (the widget may have focused its text field itself, and Chromium
    goes on from a blurred element, so blurring alone is not enough)."""
    page.evaluate(
        """() => {
          const body = document.body;
          body.setAttribute("tabindex", "-1");
          body.focus();
          body.removeAttribute("tabindex");
        }"""
    )
