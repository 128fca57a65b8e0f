"""Where a document's schema holds petitioner identity, and what the portal fills from the case.

Both are declared on the schema's nodes (see :mod:`schemas.fields`): ``identity`` on the
fields that hold a person's name, ID number, phone, address or postal code, ``from_case`` on
the fields the portal fills from the case. This module reads the declarations:

* :func:`identity_kind` -- the kind of identity a node holds, or ``None``;
* :func:`identity_paths` -- every identity field of a schema by dotted path (``*`` stands for
  any item of a sequence: ``representatives.*.phone``);
* :func:`case_sources` -- the top-level fields filled from the case, name -> fact;
* :func:`declaration_problems` -- what :func:`schemas.validate_registry` reports: a person
  field without a declaration, or a field whose title asks for identity (姓名, 电话, 身份证,
  住址, 地址) that was not built by a person factory.
"""

from .fields import IDENTITY_KINDS, UNDECLARED
from .i18n import _

__all__ = ["case_sources", "declaration_problems", "identity_kind", "identity_paths"]

#: Words in a field's title that mean it asks for a person's identity or contact.
IDENTITY_WORDS = (_("姓名"), _("电话"), _("身份证"), _("住址"), _("地址"), _("邮政编码"), _("联系人"))


def identity_kind(node):
    """The kind of identity ``node`` holds (``'name'``, ``'phone'`` ...) or ``None``."""
    kind = getattr(node, "identity", None)
    return kind if kind in IDENTITY_KINDS else None


def _walk(node, path):
    for child in node.children:
        if _is_sequence(child):
            yield from _walk(child.children[0], f"{path}{child.name}.*.")
        elif child.children:
            yield from _walk(child, f"{path}{child.name}.")
        else:
            yield child, f"{path}{child.name}"


def _is_sequence(node):
    import colander

    return isinstance(node.typ, colander.Sequence) and bool(node.children)


def identity_paths(schema):
    """``{dotted path: kind}`` of every identity field of ``schema``."""
    return {path: identity_kind(node) for node, path in _walk(schema, "") if identity_kind(node)}


def case_sources(schema):
    """``{field name: fact}`` of the top-level fields filled from the case."""
    return {child.name: child.from_case for child in schema.children if getattr(child, "from_case", None)}


def declaration_problems(code, schema):
    """Problems of the identity declarations of ``schema`` (for the registry check)."""
    for node, path in _walk(schema, ""):
        declared = getattr(node, "identity", None)
        where = f"{code}: field {path}"
        if declared == UNDECLARED:
            yield (
                f"{where} may hold a person's identity: declare identity=True "
                "(a petitioner's, masked and never indexed) or identity=False (staff, units)"
            )
        elif declared is None and any(w in str(node.title or "") for w in IDENTITY_WORDS):
            yield (
                f"{where} asks for a name, phone or address: build it with person_name, "
                "phone, address or postal_code and declare identity="
            )
