"""A minimal workflow participant for tests of the workflow wiring (never used by the portal)."""

from portal.resources.folder import Folder


class Specimen(Folder):
    """A container that a test puts into a workflow; documents may be added as children."""

    type_name = "specimen"

    def __init__(self, title):
        super().__init__()
        self.title = title


class SpecimenDocument(Folder):
    """Stands for a stored document of ``code`` on a specimen (what ``documents_present`` reads)."""

    type_name = "document"
    superseded_by = None

    def __init__(self, code):
        super().__init__()
        self.code = code
        self.title = code
