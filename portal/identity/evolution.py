"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_8_namespaced_user_principals(site):
    """Grants name people as ``user:<login>`` and logins are stored normalised, so no userid
    can pose as a role or group principal (issue 12): rename stored grants and user keys, then
    reindex what the catalog derives from grants."""
    from portal.catalog.catalog import reindex_object, walk
    from portal.identity.logins import find_login
    from portal.security.principals import GROUP, ROLE, USER

    for key in list(site.users.data.keys()):
        userid = find_login(key)
        if userid is not None and userid != key and userid not in site.users.data:
            user = site.users.data.pop(key)
            user.login = userid
            site.users.data[userid] = user
    for obj in walk(site):
        stored = getattr(obj, "__local_roles__", None)
        if stored is not None:
            for principal in list(stored.keys()):
                if principal.startswith((USER, GROUP, ROLE, "system.")):
                    continue
                roles = stored.pop(principal)
                userid = find_login(principal)
                if userid is not None:
                    merged = set(stored.get(USER + userid, ())) | set(roles)
                    stored[USER + userid] = tuple(sorted(merged))
        if getattr(obj, "__docid__", None) is not None:
            reindex_object(obj, ("allowed", "worklist_tokens", "local_principals"), site)


def includeme(config):
    config.add_evolution_step(8, step_8_namespaced_user_principals)
