"""Fills per-community forms in LibreOffice Calc through the UNO API, as a person typing would, and saves
them as .xlsx with LibreOffice's own Excel 2007 filter.

Called by scripts/make-form-fixtures.mjs with a running `soffice --headless --accept=…` and a plan:
    python3 scripts/fill-form-lo.py PORT plan.json
plan.json: [{"in": "/abs/blank.xlsx", "out": "/abs/filled.xlsx", "cells": {"D7": 1230, "D20": "3-4"}}]
Numbers are entered with setValue, text with setString: the API, like a paste, does not run the cell's
data validation, which is how a value Excel would refuse still reaches us.
"""
import json
import sys

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    port, plan_file = sys.argv[1], sys.argv[2]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    with open(plan_file, encoding="utf-8") as f:
        plan = json.load(f)
    for item in plan:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(item["in"]), "_blank", 0, (prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        for address, value in item["cells"].items():
            cell = sheet.getCellRangeByName(address)
            if isinstance(value, str):
                cell.setString(value)
            else:
                cell.setValue(value)
        doc.storeToURL(uno.systemPathToFileUrl(item["out"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    print(f"filled {len(plan)} forms")


main()
