"""Loading and validating workflow definitions: every error is tested."""

import shutil

import pytest

from portal.workflow import (
    Guard,
    WorkflowDefinitionError,
    load_workflow,
    load_workflows,
    validate,
)


def problems_of(data, known, **overrides):
    with pytest.raises(WorkflowDefinitionError) as info:
        load_workflow(data, **known(**overrides))
    return info.value


def only(error, code):
    """The problems of ``error`` with ``code``; fails if there are others."""
    assert set(error.codes) == {code}, str(error)
    return [p for p in error.problems if p.code == code]


# -- the sample and a valid dict ----------------------------------------


def test_sample_loads(sample, sample_path):
    assert sample.id == "sample"
    assert sample.title == "示例文书流程"
    assert sample.initial_state == "draft"
    assert sample.permissions == ("view", "file_report", "review_report")
    assert list(sample.states) == ["draft", "submitted", "returned", "accepted"]
    assert list(sample.transitions) == ["submit", "return", "accept"]
    assert sample.final_states == ("accepted",)
    assert sample.states["accepted"].acquire == frozenset({"view"})
    assert sample.states["submitted"].permissions["review_report"] == ("petition_officer", "petition_head")
    submit = sample.transitions["submit"]
    assert submit.source == ("draft", "returned")
    assert submit.requires_documents == ("monthly_report",)
    assert sample.transitions["return"].requires_comment is True
    assert sample.transitions["accept"].guard == Guard("review_report", ("not_own_submission",))
    assert set(sample.conditions) == {"not_own_submission"}
    assert sample.documents == {"monthly_report": "信访工作月报表"}
    assert sample.source == str(sample_path)


def test_valid_dict_loads(definition, known):
    wf = load_workflow(definition, **known())
    assert wf.id == "mini"
    assert [t.id for t in wf.transitions_from("open")] == ["close"]
    assert wf.transitions_from("closed") == ()


def test_definition_is_read_only(sample):
    with pytest.raises(TypeError):
        sample.states["x"] = None
    with pytest.raises(AttributeError):
        sample.title = "改"


def test_documents_may_be_a_plain_set(definition, known):
    definition["transitions"][0]["requires_documents"] = ["attachment"]
    wf = load_workflow(definition, **known(documents={"attachment"}))
    assert wf.documents == {"attachment": "attachment"}


def test_validate_returns_empty_list_for_valid(definition, known):
    assert validate(definition, **known()) == []


# -- each error ------------------------------------------------------------


def test_unknown_initial_state(definition, known):
    definition["initial_state"] = "nowhere"
    error = problems_of(definition, known)
    # An unknown initial state also makes the reachability check meaningless.
    assert error.codes == ("unknown_initial_state",)
    assert "nowhere" in str(error)


@pytest.mark.parametrize("key,value", [("source", ["limbo"]), ("target", "limbo")])
def test_unknown_source_or_target_state(definition, known, key, value):
    definition["transitions"][0][key] = value
    if key == "source":  # "open" loses its only exit
        definition["transitions"].append(
            {
                "id": "finish",
                "title": "完成",
                "source": ["open"],
                "target": "closed",
                "guard": {"permission": "edit"},
            }
        )
    error = problems_of(definition, known)
    (problem,) = [p for p in error.problems if p.code == "unknown_state"]
    assert problem.where == "流转“close”"
    assert "limbo" in problem.message


def test_unknown_worklist_state(definition, known):
    definition["worklists"][0]["states"] = ["open", "limbo"]
    (problem,) = only(problems_of(definition, known), "unknown_state")
    assert problem.where == "待办清单“open_items”" and "limbo" in problem.message


def test_unreachable_state(definition, known):
    definition["states"].append(
        {"id": "orphan", "title": "孤立", "family": "active", "permissions": {"view": [], "edit": []}}
    )
    definition["transitions"].append(
        {
            "id": "adopt",
            "title": "收养",
            "source": ["orphan"],
            "target": "closed",
            "guard": {"permission": "edit"},
        }
    )
    (problem,) = only(problems_of(definition, known), "unreachable_state")
    assert problem.where == "状态“orphan”"


def test_dead_end_state_not_final(definition, known):
    definition["states"].append(
        {"id": "stuck", "title": "卡住", "family": "waiting", "permissions": {"view": [], "edit": []}}
    )
    definition["transitions"].append(
        {
            "id": "park",
            "title": "搁置",
            "source": ["open"],
            "target": "stuck",
            "guard": {"permission": "edit"},
        }
    )
    (problem,) = only(problems_of(definition, known), "dead_end_state")
    assert problem.where == "状态“stuck”"


def test_self_loop_is_no_way_out(definition, known):
    definition["states"][1]["final"] = False
    definition["transitions"].append(
        {
            "id": "note",
            "title": "备注",
            "source": ["closed"],
            "target": "closed",
            "guard": {"permission": "edit"},
        }
    )
    (problem,) = only(problems_of(definition, known), "dead_end_state")
    assert problem.where == "状态“closed”"


def test_final_state_with_exits(definition, known):
    definition["transitions"].append(
        {
            "id": "reopen",
            "title": "重新办理",
            "source": ["closed"],
            "target": "open",
            "guard": {"permission": "edit"},
        }
    )
    (problem,) = only(problems_of(definition, known), "final_state_has_exits")
    assert problem.where == "状态“closed”" and "reopen" in problem.message


@pytest.mark.parametrize(
    "mutate,where",
    [
        (lambda d: d["permissions"].append("fly"), "流程“mini”"),
        (lambda d: d["states"][0]["permissions"].update(fly=[]), "状态“open”"),
        (lambda d: d["states"][0].update(acquire=["fly"]), "状态“open”"),
        (lambda d: d["transitions"][0]["guard"].update(permission="fly"), "流转“close”"),
        (lambda d: d["worklists"][0].update(permission="fly"), "待办清单“open_items”"),
    ],
    ids=["managed", "state-map", "acquire", "guard", "worklist"],
)
def test_unknown_permission(definition, known, mutate, where):
    mutate(definition)
    error = problems_of(definition, known)
    unknown = [p for p in error.problems if p.code == "unknown_permission"]
    assert [p.where for p in unknown] == [where]
    assert "fly" in unknown[0].message
    # A new managed permission is also missing from every state's map.
    assert set(error.codes) <= {"unknown_permission", "missing_permission"}


@pytest.mark.parametrize("key", ["permissions", "acquire"])
def test_unmanaged_permission_in_state(definition, known, key):
    if key == "permissions":
        definition["states"][0]["permissions"]["manage_site"] = ["site_admin"]
    else:
        definition["states"][0]["acquire"] = ["manage_site"]
    (problem,) = only(problems_of(definition, known), "unmanaged_permission")
    assert problem.where == "状态“open”" and "manage_site" in problem.message


def test_guard_may_use_unmanaged_known_permission(definition, known):
    definition["transitions"][0]["guard"]["permission"] = "manage_site"
    assert load_workflow(definition, **known()).transitions["close"].guard.permission == "manage_site"


def test_unknown_role(definition, known):
    definition["states"][1]["permissions"]["view"] = ["petition_officer", "janitor", "role:leader"]
    problems = only(problems_of(definition, known), "unknown_role")
    assert [p.where for p in problems] == ["状态“closed”"] * 2
    assert "janitor" in problems[0].message and "role:leader" in problems[1].message


def test_unknown_document(definition, known):
    definition["transitions"][0]["requires_documents"] = ["monthly_report", "selfie"]
    (problem,) = only(problems_of(definition, known), "unknown_document")
    assert problem.where == "流转“close”" and "selfie" in problem.message


def test_unknown_condition(definition, known):
    definition["transitions"][0]["guard"]["conditions"] = ["always", "moon_is_full"]
    (problem,) = only(problems_of(definition, known), "unknown_condition")
    assert problem.where == "流转“close”" and "moon_is_full" in problem.message


def test_condition_must_be_callable(definition, known):
    definition["transitions"][0]["guard"]["conditions"] = ["flag"]
    error = problems_of(definition, known, conditions={"flag": True})
    (problem,) = only(error, "invalid_value")
    assert "flag" in problem.message


@pytest.mark.parametrize(
    "collection,where",
    [("states", "状态“open”"), ("transitions", "流转“close”"), ("worklists", "待办清单“open_items”")],
)
def test_duplicate_ids(definition, known, collection, where):
    definition[collection].append(dict(definition[collection][0], title="重复的"))
    (problem,) = only(problems_of(definition, known), "duplicate_id")
    assert problem.where == where


def test_duplicate_list_entries(definition, known):
    definition["transitions"][0]["source"] = ["open", "open"]
    (problem,) = only(problems_of(definition, known), "duplicate_entry")
    assert "open" in problem.message


def test_managed_permission_missing_from_state_map(definition, known):
    del definition["states"][1]["permissions"]["edit"]
    (problem,) = only(problems_of(definition, known), "missing_permission")
    assert problem.where == "状态“closed”" and "edit" in problem.message


@pytest.mark.parametrize(
    "mutate,where",
    [
        (lambda d: d.update(title=""), "流程“mini”"),
        (lambda d: d["states"][0].update(title="  "), "状态“open”"),
        (lambda d: d["transitions"][0].update(title="\u3000"), "流转“close”"),
        (lambda d: d["worklists"][0].update(title=""), "待办清单“open_items”"),
    ],
    ids=["workflow", "state", "transition", "worklist"],
)
def test_empty_title(definition, known, mutate, where):
    mutate(definition)
    (problem,) = only(problems_of(definition, known), "empty_title")
    assert problem.where == where


def test_invalid_family(definition, known):
    definition["states"][0]["family"] = "purple"
    (problem,) = only(problems_of(definition, known), "invalid_family")
    assert problem.where == "状态“open”" and "purple" in problem.message


@pytest.mark.parametrize("bad", ["Open", "1st", "a-b", "办理", ""])
def test_invalid_id(definition, known, bad):
    definition["worklists"][0]["id"] = bad
    (problem,) = only(problems_of(definition, known), "invalid_id")
    assert problem.where == "待办清单#1"


def test_unknown_keys(definition, known):
    definition["transitions"][0]["requires_document"] = ["monthly_report"]  # typo
    definition["states"][0]["colour"] = "red"
    definition["transitions"][0]["guard"]["role"] = "leader"
    problems = only(problems_of(definition, known), "unknown_key")
    assert [p.where for p in problems] == ["状态“open”", "流转“close”", "流转“close”"]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("initial_state"),
        lambda d: d.pop("permissions"),
        lambda d: d.pop("states"),
        lambda d: d["states"][0].pop("family"),
        lambda d: d["states"][0].pop("permissions"),
        lambda d: d["transitions"][0].pop("guard"),
        lambda d: d["transitions"][0]["guard"].pop("permission"),
        lambda d: d["worklists"][0].pop("permission"),
        lambda d: d["states"][0].pop("title"),
    ],
)
def test_missing_keys(definition, known, mutate):
    mutate(definition)
    error = problems_of(definition, known)
    assert "missing_key" in error.codes


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["transitions"][0].update(requires_comment="yes"),
        lambda d: d["states"][1].update(final=1),
        lambda d: d["transitions"][0].update(source="open"),
        lambda d: d["transitions"][0].update(guard="edit"),
        lambda d: d["states"][0].update(permissions=["view"]),
        lambda d: d.update(states={"open": {}}),
        lambda d: d.update(title=3),
        lambda d: d["transitions"][0].update(source=[]),
    ],
)
def test_invalid_values(definition, known, mutate):
    mutate(definition)
    assert "invalid_value" in problems_of(definition, known).codes


def test_not_a_table(known):
    (problem,) = validate(["not", "a", "table"], **known())
    assert problem.code == "invalid_value"


def test_garbage_never_crashes_validation(known):
    garbage = {
        "id": 7,
        "states": [{"id": None, "permissions": {"view": "x"}}],
        "transitions": [{"guard": {}}],
    }
    problems = validate(garbage, **known())
    assert problems and all(p.message for p in problems)


# -- all problems at once, with the file named ------------------------------


def test_all_problems_are_listed_together_naming_the_file(tmp_path, known):
    path = tmp_path / "broken.toml"
    path.write_text(
        """
id = "broken"
title = ""
initial_state = "draft"
permissions = ["view", "teleport"]

[[states]]
id = "draft"
title = "草稿"
family = "draft"
[states.permissions]
view = ["petition_officer", "intern"]

[[states]]
id = "island"
title = "孤岛"
family = "active"
[states.permissions]
view = []
teleport = []

[[transitions]]
id = "go"
title = "前往"
source = ["draft"]
target = "nowhere"
guard = { permission = "view", conditions = ["lucky"] }
requires_documents = ["passport"]

[[transitions]]
id = "go"
title = "再次前往"
source = ["island"]
target = "draft"
guard = { permission = "view" }
""",
        encoding="utf-8",
    )
    with pytest.raises(WorkflowDefinitionError) as info:
        load_workflow(path, **known())
    error = info.value
    assert set(error.codes) == {
        "empty_title",
        "unknown_permission",
        "unknown_role",
        "missing_permission",
        "unknown_state",
        "unknown_condition",
        "unknown_document",
        "duplicate_id",
        "unreachable_state",
    }
    text = str(error)
    assert all(p.source == str(path) for p in error.problems)
    assert text.count(str(path)) == len(error.problems)
    for fragment in (
        "状态“draft”",
        "状态“island”",
        "流转“go”",
        "teleport",
        "intern",
        "nowhere",
        "lucky",
        "passport",
    ):
        assert fragment in text
    assert "工作流定义有误" in text


def test_toml_syntax_error_names_the_file(tmp_path, known):
    path = tmp_path / "bad.toml"
    path.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(WorkflowDefinitionError) as info:
        load_workflow(path, **known())
    assert info.value.codes == ("toml_syntax",)
    assert str(path) in str(info.value)


# -- load_workflows ----------------------------------------------------------


def test_load_workflows_loads_every_toml(tmp_path, sample_path, known):
    shutil.copy(sample_path, tmp_path / "a.toml")
    text = sample_path.read_text(encoding="utf-8").replace('id = "sample"', 'id = "other"', 1)
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a workflow", encoding="utf-8")
    workflows = load_workflows(tmp_path, **known())
    assert list(workflows) == ["sample", "other"]
    with pytest.raises(TypeError):
        workflows["x"] = None


def test_load_workflows_rejects_duplicate_ids(tmp_path, sample_path, known):
    shutil.copy(sample_path, tmp_path / "a.toml")
    shutil.copy(sample_path, tmp_path / "b.toml")
    with pytest.raises(WorkflowDefinitionError) as info:
        load_workflows(tmp_path, **known())
    (problem,) = info.value.problems
    assert problem.code == "duplicate_id"
    assert problem.source == str(tmp_path / "b.toml")
    assert str(tmp_path / "a.toml") in problem.message


def test_load_workflows_collects_problems_of_all_files(tmp_path, sample_path, known):
    text = sample_path.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text.replace('target = "accepted"', 'target = "gone"'), encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace('family = "done"', 'family = "gold"'), encoding="utf-8")
    with pytest.raises(WorkflowDefinitionError) as info:
        load_workflows(tmp_path, **known())
    sources = {p.source for p in info.value.problems}
    assert sources == {str(tmp_path / "a.toml"), str(tmp_path / "b.toml")}


def test_load_workflows_of_empty_directory(tmp_path, known):
    assert dict(load_workflows(tmp_path, **known())) == {}


def test_sample_validates_against_the_portals_own_roles_and_permissions(sample_path, known):
    """Contract check with portal/security: the sample names only what the app declares."""
    permissions = pytest.importorskip("portal.security.permissions")
    roles = pytest.importorskip("portal.security.roles")
    wf = load_workflow(sample_path, **known(roles=set(roles.ROLES), permissions=permissions.ALL))
    assert wf.id == "sample"


# -- access by relation --------------------------------------------------------------------------

RELATIONS = ("registering", "responsible", "above")


def relational(definition):
    data = dict(
        definition,
        access="relations",
        role_groups={"staff": ["petition_officer", "petition_head"]},
        relation_groups={"chain": ["registering", "responsible"]},
    )
    for state in data["states"]:
        state["permissions"] = {
            p: [f"@chain:{r}" if r != "unit_liaison" else "responsible:" + r for r in roles]
            for p, roles in state["permissions"].items()
        }
    return data


def test_relation_entries_and_groups_expand(definition, known):
    data = relational(definition)
    data["states"][0]["permissions"]["view"] = ["@chain:@staff", "above:leader"]
    wf = load_workflow(data, **known(relations=RELATIONS))
    assert wf.access == "relations"
    assert wf.states[data["states"][0]["id"]].permissions["view"] == (
        "registering:petition_officer",
        "registering:petition_head",
        "responsible:petition_officer",
        "responsible:petition_head",
        "above:leader",
    )
    assert wf.states[data["states"][0]["id"]].holders("view")[-1] == ("above", "leader")


def test_relation_entries_are_checked(definition, known):
    data = relational(definition)
    data["states"][0]["permissions"]["view"] = [
        "leader",
        "owner:leader",
        "above:janitor",
        "@nobody:leader",
        "above:@nobody",
    ]
    error = problems_of(data, known, relations=RELATIONS)
    assert sorted(error.codes) == [
        "missing_relation",
        "unknown_relation",
        "unknown_relation",
        "unknown_role",
        "unknown_role",
    ]
    text = str(error)
    assert "owner" in text and "janitor" in text and "@nobody" in text


def test_unknown_group_members_and_access_mode(definition, known):
    data = relational(definition)
    data["access"] = "everyone"
    data["role_groups"] = {"staff": ["janitor"]}
    data["relation_groups"] = {"chain": ["nowhere"]}
    error = problems_of(data, known, relations=RELATIONS)
    assert {"invalid_value", "unknown_role", "unknown_relation"} <= set(error.codes)
