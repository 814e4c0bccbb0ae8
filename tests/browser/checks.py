"""Accessibility checks that run in a page and return findings (an empty list means it passes).

The tests assert that the example site has no findings; tests/browser/test_checks_catch_faults.py
breaks pages on purpose and asserts that the same checks then find something.
"""

from __future__ import annotations

from playwright.sync_api import Page

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: A state is what a reader may have switched on before the page loads.
STATES: dict[str, dict[str, object]] = {
    "small": {"storage": {"reportsite:fontsize": "small"}},
    "medium": {},  # the default: nothing stored
    "large": {"storage": {"reportsite:fontsize": "large"}},
    "care": {"storage": {"reportsite:care": "on"}},
    "narrow-320": {"viewport": {"width": 320, "height": 800}},
    "print": {"media": "print"},
}


def set_state(page: Page, state: str) -> None:
    """Apply a state before navigation: stored preferences, viewport and media."""
    spec = STATES[state]
    storage = spec.get("storage", {})
    if storage:
        assignments = "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in storage.items())  # type: ignore[union-attr]
        page.add_init_script(f"try {{ {assignments} }} catch (e) {{}}")
    if "viewport" in spec:
        page.set_viewport_size(spec["viewport"])  # type: ignore[arg-type]
    if "media" in spec:
        page.emulate_media(media=spec["media"])  # type: ignore[arg-type]


def axe_findings(page: Page, axe_source: str, tags: list[str] | None = None,
                 rules: list[str] | None = None) -> list[str]:
    """axe-core violations as `rule (impact): selector` lines."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else \
        {"runOnly": {"type": "tag", "values": tags or WCAG_AA_TAGS}}
    result = page.evaluate("async (options) => await window.axe.run(document, options)", options)
    return [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
            for v in result["violations"]]


_FOCUS_STATE = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const inView = () => { const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight + 1 && r.right > 0 && r.left < window.innerWidth + 1; };
  // smooth scrolling brings the focused element into view over a few hundred milliseconds
  for (let i = 0; i < 40 && !inView(); i++) await new Promise(r => setTimeout(r, 25));
  const rect = el.getBoundingClientRect();
  return {
    key: el.tagName + '|' + (el.getAttribute('href') || '') + '|' + el.textContent.trim().slice(0, 20),
    visible: (outline || shadow) && rect.width > 0 && rect.height > 0,
    inView: inView(),
  };
}"""

_FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))
  .filter(el => !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map(el => el.tagName + '|' + (el.getAttribute('href') || '') + '|' + el.textContent.trim().slice(0, 20))"""


def keyboard_findings(page: Page) -> list[str]:
    """Tab through the page: the skip link comes first, every control is reached, focus always shows."""
    findings: list[str] = []
    expected = page.evaluate(_FOCUSABLE)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached: list[str] = []
    for step in range(len(expected) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None or (reached and state["key"] == reached[0]):
            break
        if step == 0 and "跳到正文" not in state["key"]:
            findings.append(f"the first Tab reaches {state['key']}, not the skip link")
        if not state["visible"]:
            findings.append(f"focus is not visible on {state['key']}")
        if not state["inView"]:
            findings.append(f"focused element is scrolled out of view: {state['key']}")
        reached.append(state["key"])
    missing = [key for key in expected if key not in reached]
    findings += [f"not reachable by Tab: {key}" for key in missing]
    return findings


_OVERFLOW = """() => {
  const doc = document.documentElement;
  const out = [];
  if (doc.scrollWidth > doc.clientWidth + 1) out.push('page scrolls sideways: ' + doc.scrollWidth + ' > ' + doc.clientWidth);
  const scrollers = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).position === 'absolute') continue;
    if ((r.right > doc.clientWidth + 1 || r.left < -1) && !scrollers(el)) {
      out.push('cut off: ' + el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' spans ' + Math.round(r.left) + '–' + Math.round(r.right));
    }
  }
  return out.slice(0, 10);
}"""


def reflow_findings(page: Page) -> list[str]:
    """No sideways scrolling and nothing cut off (wide tables scroll inside their own region)."""
    return page.evaluate(_OVERFLOW)


_PRINT_STATE = """() => {
  const shown = el => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const hiddenOk = ['nav', 'button', '.site-header', '.site-footer', '.skip-link']
    .flatMap(sel => Array.from(document.querySelectorAll(sel))).filter(shown)
    .map(el => 'printed but should not be: ' + el.tagName.toLowerCase() + '.' + el.className);
  const mustShow = ['h1', 'main'].concat(document.querySelector('.report__body') ? ['.disclosure', '.report__body'] : [])
    .filter(sel => !shown(document.querySelector(sel))).map(sel => 'missing from print: ' + sel);
  return hiddenOk.concat(mustShow);
}"""


def print_findings(page: Page) -> list[str]:
    """Under print media: title, metadata and body show; navigation and buttons do not."""
    return page.evaluate(_PRINT_STATE)
