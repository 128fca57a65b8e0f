"""The signed-in user's home (我的待办) and the site settings page."""


def includeme(config):
    config.include(".views")
