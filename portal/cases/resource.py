"""The case (信访事项): one petition matter from registration to archive.

A case lives in the container of the unit that registered it (``/<unit>/c2026-0001``). Who may
do what on it follows from its handling chain (``portal.cases.chain``: the units related to it)
and the workflow state's map of relation-roles to permissions, read from the current workflow
definition; nothing is granted on the case itself. The petitioner's identity is kept in its own persistent object (``PetitionerIdentity``) so that
listings never load it, and it is never indexed: ``searchable_text`` leaves it out. Read it
only through ``portal.cases.identity`` (which masks, or audits an unmasked view).
"""

from persistent import Persistent
from persistent.mapping import PersistentMapping
from pyramid.authorization import ALL_PERMISSIONS, Deny
from pyramid.threadlocal import get_current_registry

from portal import clock
from portal.i18n import _
from portal.resources.folder import Folder
from portal.security.principals import SHIELDED

CHANNEL_TITLES = {
    "letter": _("来信"),
    "visit": _("来访"),
    "call": _("来电"),
    "online": _("网上信访"),
    "handed_down": _("上级交办"),
}
LEVEL_SKIPPING_TITLES = {"none": _("否"), "beijing": _("赴京"), "province": _("来省"), "city": _("到市")}
URGENCY_TITLES = {"normal": _("一般"), "urgent": _("紧急")}

IDENTITY_FIELDS = ("name", "id_number", "phone", "address")


class PetitionerIdentity(Persistent):
    """Who petitions: the petitioner and up to 5 representatives (tuples of plain dicts)."""

    def __init__(self, petitioner, representatives=()):
        self.petitioner = dict(petitioner)
        self.representatives = tuple(dict(r) for r in representatives)

    def people(self):
        return (self.petitioner,) + self.representatives

    def names(self):
        return [p.get("name", "") for p in self.people() if p.get("name")]


class Case(Folder):
    """One case. Documents and attachments are its children; ``deadlines`` maps limit names to
    ``portal.deadlines.Deadline`` objects; workflow attributes are set by the engine."""

    type_name = "case"
    responsible_unit = None  # the current responsible unit's path (kept by portal.cases.chain)
    chain_record = ()  # append-only, see portal.cases.chain
    joint_review_required = False
    decided_by = None  # the unit whose handling opinion was concluded (复查 goes above it)
    reported_unit = None
    reported_userids = ()
    unsuitable_for_publication = False
    owner = None
    reply_delivery = None  # portal.time_limits.review_window.Delivery once the reply is delivered

    def __init__(self, number, data, identity, registered_by, registering_unit):
        super().__init__()
        self.number = number
        self.title = data.get("subject", "")
        self.channel = data.get("channel")
        self.received_on = data.get("received_on")
        self.handed_down_by = data.get("handed_down_by", "")
        self.handed_down_ref = data.get("handed_down_ref", "")
        self.is_group = bool(data.get("is_group"))
        self.headcount = data.get("headcount") or 1
        self.level_skipping = data.get("level_skipping") or "none"
        self.urgency = data.get("urgency") or "normal"
        self.subject = data.get("subject", "")
        self.problem = data.get("problem", "")
        self.demands = data.get("demands", "")
        self.remarks = data.get("remarks", "")
        self.identity = identity
        self.registered_by = registered_by
        self.registering_unit = registering_unit
        self.created = self.modified = clock.now()
        self.deadlines = PersistentMapping()

    @property
    def channel_title(self):
        return CHANNEL_TITLES.get(self.channel, self.channel or "")

    @property
    def level_skipping_title(self):
        return LEVEL_SKIPPING_TITLES.get(self.level_skipping, "")

    document_contexts = ("case",)

    # The workflow engine writes the state's ACL here; it is only a fallback (scripts without the
    # application's registry): the ACL comes from the state's map in the current definition, so
    # a changed workflow file reaches every stored case at once (DCWorkflow's updateRoleMappings
    # without the rewrite).
    _state_acl = ()

    @property
    def __acl__(self):
        workflows = get_current_registry().get("portal.workflows") or {}
        workflow = workflows.get(getattr(self, "workflow_id", None))
        if workflow is not None and self.workflow_state in workflow.states:
            from portal.workflow import acl_for_state

            state_acl = acl_for_state(workflow, self.workflow_state)
        else:
            state_acl = tuple(self._state_acl)
        return ((Deny, SHIELDED, ALL_PERMISSIONS),) + state_acl

    @__acl__.setter
    def __acl__(self, value):
        self._state_acl = tuple(value)

    def relation_tokens(self):
        """``(unit path, relation)`` pairs (see ``portal.security.relations``)."""
        from portal.security.relations import tokens_of

        from .chain import related_units

        return tokens_of(related_units(self))

    def shield(self):
        """A whistle-blowing case (举报) is never visible to the people it reports on: the
        reported persons and everyone granted on the reported unit or below it."""
        return ((self.reported_unit,) if self.reported_unit else (), tuple(self.reported_userids))

    def identity_keys(self):
        """Salted hashes of ID numbers and phones (see ``catalog.discriminators.identity_keys``)."""
        from .duplicates import identity_hashes

        root = self
        while root.__parent__ is not None:
            root = root.__parent__
        return identity_hashes(getattr(root, "identity_salt", ""), self.identity.people())

    owner_since = None

    @property
    def notice_label(self):
        return f"信访事项 {self.number}"

    def deadline_recipients(self, name):
        """Who is warned about a deadline (the sweep's hook): the responsible unit's people for
        handling, the owning leader and the units involved for the 5-day report, else the
        petition staff nearest the case (``portal.notifications.recipients.default_recipients``)."""
        if name in ("handling", "urgent_case") and self.responsible_unit:
            from .access import people_who_may

            people = people_who_may(self, "handle_case")
            if people:
                return people
        if name == "ownership_report" and self.owner:
            from .access import involved_people

            return [self.owner] + [u for u in involved_people(self) if u != self.owner]
        from portal.notifications.recipients import default_recipients

        return default_recipients(self)

    def searchable_text(self):
        """Number, subject, problem and demands — never the petitioner's identity, not even
        where the problem or demands repeat it (masked there: nobody finds a case by it)."""
        from .masking import mask_in_text

        people = self.identity.people() if self.identity is not None else ()
        return " ".join(
            mask_in_text(p, people) for p in (self.number, self.subject, self.problem, self.demands) if p
        )
