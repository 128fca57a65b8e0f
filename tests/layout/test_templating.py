"""Templates are compiled once per process, at start-up, never in a request thread."""

import threading

from chameleon import PageTemplate

from portal.layout import templating


def test_an_app_serves_pages_without_compiling_anything(testapp, monkeypatch):
    from chameleon.template import BaseTemplate

    assert BaseTemplate._cook is templating._cook  # installed by the app's configuration
    compiled = []
    original = templating._original_cook
    monkeypatch.setattr(
        templating, "_original_cook", lambda *a, **kw: compiled.append(a[0]) or original(*a, **kw)
    )
    from portal.testing.web import login

    testapp.get("/login")
    login(testapp, "zy_officer")
    testapp.get("/zhongyuan/")
    testapp.get("/zhongyuan/@@register-case")
    testapp.get("/public/")
    assert compiled == []


def test_two_template_objects_of_one_source_compile_once(monkeypatch):
    templating.install()
    calls = []
    original = templating._original_cook
    monkeypatch.setattr(templating, "_original_cook", lambda *a, **kw: calls.append(1) or original(*a, **kw))
    source = "<p>${name}（测试模板 %s）</p>" % id(calls)
    first, second = PageTemplate(source), PageTemplate(source)
    assert first(name="甲") == second(name="甲") == "<p>甲（测试模板 %s）</p>" % id(calls)
    assert len(calls) == 1


def test_threads_compiling_at_once_compile_each_template_once(monkeypatch):
    templating.install()
    calls = []
    original = templating._original_cook
    monkeypatch.setattr(templating, "_original_cook", lambda *a, **kw: calls.append(1) or original(*a, **kw))
    source = "<ul><li tal:repeat='i items'>${i}</li></ul><!-- %s -->" % id(calls)
    results, start = [], threading.Barrier(8)

    def render():
        start.wait()
        results.append(PageTemplate(source)(items=[1, 2]))

    threads = [threading.Thread(target=render) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and len(set(results)) == 1
    assert len(calls) == 1
