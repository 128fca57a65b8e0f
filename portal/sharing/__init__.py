"""The sharing page of every node: grant and revoke local roles, block inheritance."""


def includeme(config):
    config.include(".views")
