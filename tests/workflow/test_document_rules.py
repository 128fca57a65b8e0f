"""Who drafts, checks and signs which document is declared in workflows/case.toml and
validated at start-up: unknown names are refused with a clear message, and so is the class of
problem where a transition waits for a document nobody may supply in its source state."""

import copy
import tomllib
from pathlib import Path

import pytest

from portal.cases.conditions import CONDITIONS
from portal.documents.relations import RELATIONS
from portal.security.permissions import ALL as PERMISSIONS
from portal.security.roles import ROLES
from portal.workflow import WorkflowDefinitionError, load_workflow, validate
from schemas import document_titles

CASE_TOML = Path(__file__).resolve().parents[2] / "workflows" / "case.toml"


@pytest.fixture
def case_definition():
    with CASE_TOML.open("rb") as f:
        return tomllib.load(f)


def problems(data):
    found = validate(
        data,
        roles=set(ROLES),
        permissions=set(PERMISSIONS),
        documents=document_titles(),
        conditions=CONDITIONS,
        relations=set(RELATIONS),
    )
    return [(p.code, p.where, p.message) for p in found]


def rule(data, code):
    return next(r for r in data["documents"] if r["code"] == code)


def test_the_real_definition_declares_every_required_document(case_definition):
    assert problems(case_definition) == []
    wf = load_workflow(
        case_definition,
        roles=set(ROLES),
        permissions=set(PERMISSIONS),
        documents=document_titles(),
        conditions=CONDITIONS,
        relations=set(RELATIONS),
    )
    closing = wf.document_rules["closing_report"]
    assert closing.draft.by == ("handler",)
    assert closing.draft.states == {"handling", "opinion_submitted", "opinion_approved"}
    assert wf.parties["handler"].relation == "responsible"
    assert "unit_liaison" in wf.parties["handler"].roles
    assert wf.transitions["archive"].requires_signed == (
        "acceptance_notice",
        "investigation_report",
        "handling_opinion",
        "closing_report",
        "reply",
    )
    # every case document of the registry has a rule
    case_codes = {
        code
        for code, _t in document_titles().items()
        if code in {r["code"] for r in case_definition["documents"]}
    }
    from schemas import document_types

    assert case_codes == {t.code for t in document_types() if t.context == "case"}


def test_unknown_document_party_relation_role_and_state_are_named(case_definition):
    data = copy.deepcopy(case_definition)
    data["parties"]["handler"]["relation"] = "godparent"
    data["parties"]["office"]["roles"].append("janitor")
    data["documents"].append(
        {"code": "no_such_document", "draft": {"by": ["office"], "states": ["registered"]}}
    )
    rule(data, "reply")["sign"]["by"].append("nobody")
    rule(data, "reply")["draft"]["states"].append("limbo")
    found = problems(data)
    assert ("unknown_relation", "参与方“handler”", "关系“godparent”未知") in found
    assert ("unknown_role", "参与方“office”", "角色“janitor”未知") in found
    assert ("unknown_document", "文书规则“no_such_document”", "文书代码“no_such_document”未知") in found
    assert ("unknown_party", "文书规则“reply”·sign", "参与方“nobody”未定义（见 [parties]）") in found
    assert ("unknown_state", "文书规则“reply”·draft", "状态“limbo”未定义") in found
    with pytest.raises(WorkflowDefinitionError) as err:
        load_workflow(
            data,
            roles=set(ROLES),
            permissions=set(PERMISSIONS),
            documents=document_titles(),
            conditions=CONDITIONS,
            relations=set(RELATIONS),
            source="case.toml",
        )
    assert "case.toml：参与方“handler”：关系“godparent”未知" in str(err.value)


def test_a_document_nobody_may_supply_when_the_transition_waits_for_it(case_definition):
    # the reported bug: 办结 waits for the 结案报告 once the opinion is through, but only the
    # school could write it, and only while handling
    data = copy.deepcopy(case_definition)
    rule(data, "closing_report")["draft"]["states"] = ["handling"]
    found = problems(data)
    assert (
        "unsupplied_document",
        "流转“conclude”",
        "在状态“opinion_approved”下须有文书“closing_report”，但此时没有任何参与方可以起草它",
    ) in found
    # requiring it when the opinion is submitted fixes it: it is then surely there
    for t in data["transitions"]:
        if t["id"] == "submit_opinion":
            t["requires_documents"].append("closing_report")
    assert problems(data) == []


def test_signed_versions_need_a_signer_and_a_checker_in_the_source_state(case_definition):
    data = copy.deepcopy(case_definition)
    rule(data, "reply")["sign"]["states"] = ["concluded"]
    rule(data, "handling_opinion")["check"]["states"] = ["opinion_submitted"]
    found = problems(data)
    assert (
        "unsigned_document",
        "流转“archive”",
        "在状态“rated”下须有已签发的“reply”，但此时没有任何参与方可以签发它",
    ) in found
    assert (
        "unchecked_document",
        "流转“archive”",
        "在状态“rated”下须有已签发的“handling_opinion”，它须先经审核，但此时没有任何参与方可以审核它",
    ) in found


def test_a_required_document_without_a_rule_is_refused(case_definition):
    data = copy.deepcopy(case_definition)
    data["documents"] = [r for r in data["documents"] if r["code"] != "reply"]
    assert (
        "undeclared_document",
        "流转“reply”",
        "所需文书“reply”没有起草、审核、签发规则（见 [[documents]]）",
    ) in problems(data)
