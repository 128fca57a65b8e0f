"""The SVG diagram drawn from a definition."""

import xml.etree.ElementTree as ET

from portal.workflow import load_workflow, render_svg
from portal.workflow.diagram import layers

SVG = "{http://www.w3.org/2000/svg}"


def texts(root):
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def test_sample_is_well_formed_and_complete(sample):
    svg = render_svg(sample)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    labels = texts(root)
    for state in sample.states.values():
        assert state.title in labels
    for transition in sample.transitions.values():
        assert transition.title in labels
    assert root.find(f"{SVG}title").text == "示例文书流程"


def test_one_arrow_per_source(sample):
    root = ET.fromstring(render_svg(sample))
    arrows = [
        (g.get("data-transition"), g.get("data-source"), g.get("data-target"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "transition"
    ]
    assert arrows == [
        ("submit", "draft", "submitted"),
        ("submit", "returned", "submitted"),
        ("return", "submitted", "returned"),
        ("accept", "submitted", "accepted"),
    ]


def test_initial_and_final_states_are_marked(sample):
    root = ET.fromstring(render_svg(sample))
    classes = {g.get("id"): g.get("class").split() for g in root.iter(f"{SVG}g") if g.get("id")}
    assert "initial" in classes["state-draft"] and "final" not in classes["state-draft"]
    assert "final" in classes["state-accepted"] and "initial" not in classes["state-accepted"]
    assert "family-waiting" in classes["state-submitted"]
    assert any(g.get("class") == "initial-marker" for g in root.iter(f"{SVG}g"))
    # A final state is drawn with a double border.
    accepted = root.find(f".//{SVG}g[@id='state-accepted']")
    assert len(accepted.findall(f"{SVG}rect")) == 2


def test_layers_by_bfs_distance(sample):
    assert layers(sample) == [["draft"], ["submitted"], ["returned", "accepted"]]


def test_text_is_escaped_and_self_loops_drawn(definition, known):
    definition["title"] = '<流程> & "引号"'
    definition["states"][0]["title"] = "办理<中>&"
    definition["transitions"].append(
        {
            "id": "remind",
            "title": "催办 & <提醒>",
            "source": ["open"],
            "target": "open",
            "guard": {"permission": "edit", "conditions": ["always"]},
            "requires_documents": ["attachment"],
            "requires_comment": True,
        }
    )
    definition["transitions"].append(
        {
            "id": "close_b",
            "title": "直接办结",
            "source": ["open"],
            "target": "closed",
            "guard": {"permission": "edit"},
        }
    )
    svg = render_svg(load_workflow(definition, **known()))
    root = ET.fromstring(svg)
    labels = texts(root)
    assert "办理<中>&" in labels and "催办 & <提醒>" in labels and "直接办结" in labels
    assert root.find(f"{SVG}title").text == '<流程> & "引号"'
    assert "<提醒>" not in svg  # only escaped in the markup
