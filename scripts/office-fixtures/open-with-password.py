"""Opens a password-protected workbook in LibreOffice (through UNO) with its password and saves it as a
plain xlsx: proof that an encrypted fixture is a real encrypted workbook that an office suite opens.

Usage: /usr/bin/python3 open-with-password.py IN.xlsx OUT.xlsx PASSWORD   (needs python3-uno and soffice)"""
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


src, out, password = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
pipe = f"returns_fixtures_{os.getpid()}"
office = subprocess.Popen(["soffice", "--headless", "--norestore", "--nologo", f"--accept=pipe,name={pipe};urp;"])
try:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(100):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True), prop("Password", password)))
    doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    if office.poll() is None:
        office.kill()
