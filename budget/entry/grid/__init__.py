"""The lines grid: a budget's lines edited like a spreadsheet in the admin.

`rows` reads a page of lines (filtered and sorted in the database, a constant number of
queries whatever the budget's size) and the lists the cells offer; `services` checks and
writes a batch of edited, added and deleted rows with the Excel sheet's own reader and the
budget's revision; `views` are the page and its JSON API; the browser side is
static/entry/grid.js on Tabulator (static/vendor/tabulator/).

The grid's columns are the 明细 sheet's (budget.entry.excel.COLUMNS), in its order, so that a
block copied from the downloaded sheet pastes into the grid as it is.
"""
