"""Column headings of a displayed table grid (budget-tables/1 `header`)."""
ORIGIN, DOWN, LEFT = "origin", "down", "left"


def column_headings(header):
    """Each column's heading: the header cells above it, joined by "／".

    The grid leaves the other places of a merged cell blank. A blank below a cell's own place or
    below a row span continues that cell downwards (a row span: it adds nothing); any other blank
    continues the place to its left (a column span)."""
    states, texts = [], []
    for r, cells in enumerate(header):
        row_states, row_texts = [], []
        for c, text in enumerate(cells):
            if text:
                state = ORIGIN
            elif r and states[r - 1][c] in (ORIGIN, DOWN):
                state, text = DOWN, ""
            else:
                state, text = LEFT, row_texts[-1] if row_texts else ""
            row_states.append(state)
            row_texts.append(text)
        states.append(row_states)
        texts.append(row_texts)
    width = len(header[0]) if header else 0
    return ["／".join(_distinct(row[c] for row in texts)) for c in range(width)]


def _distinct(texts):
    out = []
    for text in texts:
        if text and (not out or out[-1] != text):
            out.append(text)
    return out
