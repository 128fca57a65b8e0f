"""The case (信访事项): one petition matter from registration to archive.

A case lives in the container of the unit that registered it (``/<unit>/c2026-0001``). The
petitioner's identity is kept in its own persistent object (``PetitionerIdentity``) so that
listings never load it, and it is never indexed: ``searchable_text`` leaves it out. Read it
only through ``portal.cases.identity`` (which masks, or audits an unmasked view).
"""
from datetime import datetime, timezone

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.mapping import PersistentMapping

from pyramid.authorization import ALL_PERMISSIONS, Deny

from portal.resources.folder import Folder

CHANNEL_TITLES = {"letter": "来信", "visit": "来访", "call": "来电", "online": "网上信访",
                  "handed_down": "上级交办"}
LEVEL_SKIPPING_TITLES = {"none": "否", "beijing": "赴京", "province": "来省", "city": "到市"}
URGENCY_TITLES = {"normal": "一般", "urgent": "紧急"}

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
    responsible_unit = None
    assignment_grants = ()
    reported_unit = None
    reported_userids = ()
    unsuitable_for_publication = False
    owner = None

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
        self.created = self.modified = datetime.now(timezone.utc)
        self.deadlines = PersistentMapping()
        self.__local_roles__ = OOBTree()

    @property
    def channel_title(self):
        return CHANNEL_TITLES.get(self.channel, self.channel or "")

    @property
    def level_skipping_title(self):
        return LEVEL_SKIPPING_TITLES.get(self.level_skipping, "")

    document_contexts = ("case",)

    # The workflow engine writes the state's ACL here; the whistle-blowing denials go first.
    _state_acl = ()

    @property
    def __acl__(self):
        return self.denials() + tuple(self._state_acl)

    @__acl__.setter
    def __acl__(self, value):
        self._state_acl = tuple(value)

    def denials(self):
        """A whistle-blowing case (举报) is never visible to the people it reports on: the
        reported persons and everyone granted roles on the reported unit itself."""
        if not self.reported_unit and not self.reported_userids:
            return ()
        denied = set(self.reported_userids)
        if self.reported_unit:
            from pyramid.traversal import find_resource
            from portal.security.localroles import local_roles
            root = self
            while root.__parent__ is not None:
                root = root.__parent__
            try:
                denied.update(local_roles(find_resource(root, self.reported_unit)))
            except KeyError:
                pass
        return tuple((Deny, p, ALL_PERMISSIONS) for p in sorted(denied))

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
        handling, the owning leader for the 5-day report, else the petition staff nearest
        the case (``portal.notifications.recipients.default_recipients``)."""
        if name in ("handling", "urgent_case") and self.assignment_grants:
            from portal.security.principals import userid_of
            return sorted({userid_of(p) for p, _r in self.assignment_grants} - {None})
        if name == "ownership_report" and self.owner:
            return [self.owner]
        from portal.notifications.recipients import default_recipients
        return default_recipients(self)

    def searchable_text(self):
        """Number, subject, problem and demands — never the petitioner's identity."""
        return " ".join(p for p in (self.number, self.subject, self.problem, self.demands) if p)
