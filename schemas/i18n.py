"""The message factory of the schemas' titles, descriptions and messages.

The domain is the portal's (``portal.i18n``): message ids are the Chinese texts, the English
catalog is ``portal/i18n/locale/en``. The schemas package imports only colander, deform and the
standard library, so the factory comes from ``translationstring``, which colander itself uses
for its own messages.
"""

from translationstring import TranslationStringFactory

_ = TranslationStringFactory("portal")
