"""Test support shared by the portal's test suites and the dev demo.

``portal.testing.slapd`` runs a throwaway OpenLDAP server holding the fixture
directory in ``portal/testing/fixtures/directory.ldif``.
"""
