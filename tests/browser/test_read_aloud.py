"""朗读: the report is read through the browser's own speechSynthesis, with pause, resume and stop."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.browser.test_accessibility import REPORT
from tests.test_example_site import seed_body

# Records every utterance instead of speaking; `auto` makes each one end at once.
STUB = """
window.__speech = { spoken: [], calls: [], auto: %s, current: null };
const synth = window.speechSynthesis;
synth.speak = (u) => { window.__speech.spoken.push(u.text); window.__speech.current = u;
  window.__speech.calls.push('speak:' + u.lang);
  if (window.__speech.auto) setTimeout(() => u.onend && u.onend(), 0); };
synth.pause = () => { window.__speech.calls.push('pause'); Object.defineProperty(synth, 'paused', {value: true, configurable: true}); };
synth.resume = () => { window.__speech.calls.push('resume'); Object.defineProperty(synth, 'paused', {value: false, configurable: true}); };
synth.cancel = () => { window.__speech.calls.push('cancel'); };
"""


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reads_title_and_body_in_order(page: Page, base_url: str) -> None:
    page.add_init_script(STUB % "true")
    page.goto(base_url + REPORT)
    page.get_by_role("button", name="朗读").click()
    page.wait_for_function("() => document.querySelector('[data-read=start]').hidden === false")
    spoken = page.evaluate("() => window.__speech.spoken")
    assert spoken[0] == "八陡镇2023年度重点工作情况"
    assert flat("".join(spoken[1:])) == seed_body()
    assert all(call == "speak:zh-CN" for call in page.evaluate("() => window.__speech.calls") if call.startswith("speak"))


def test_pause_resume_stop_and_highlight(page: Page, base_url: str) -> None:
    page.add_init_script(STUB % "false")
    page.goto(base_url + REPORT)
    page.get_by_role("button", name="朗读").click()
    highlighted = "() => Array.from(document.querySelectorAll('.is-reading')).map(e => e.textContent.trim())"
    assert page.evaluate(highlighted) == ["八陡镇2023年度重点工作情况"]
    page.evaluate("() => window.__speech.current.onend()")
    assert page.evaluate(highlighted) == ["一、工作开展情况"]
    pause = page.locator("[data-read=pause]")
    pause.click()
    assert pause.text_content() == "继续" and pause.get_attribute("aria-pressed") == "true"
    pause.click()
    assert pause.text_content() == "暂停" and pause.get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name="停止").click()
    assert page.evaluate(highlighted) == []
    assert page.get_by_role("button", name="朗读").is_visible()
    assert pause.is_hidden()
    calls = page.evaluate("() => window.__speech.calls")
    assert calls.index("pause") < calls.index("resume") < len(calls) - 1 and calls[-1] == "cancel"


def test_hidden_where_the_browser_cannot_speak(page: Page, base_url: str) -> None:
    page.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined});")
    page.goto(base_url + REPORT)
    assert page.locator("[data-reader]").is_hidden()
    assert page.locator("[data-tools]").is_visible()
