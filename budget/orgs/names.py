"""How the public search compares names and codes."""


def search_form(text):
    """`text` without white space and in upper case: "生态 环境" finds 生态环境局, "p01" finds P01."""
    return "".join(text.split()).upper()


def search_text(*, code, name, short_name):
    """What a search looks into: name, short name and code, each in search form. A query in search
    form holds no space, so a match never runs from one of them into the next."""
    return " ".join(search_form(part) for part in (name, short_name, code))
