"""What a browser test collects from a page: console errors, uncaught errors and CSP violations
(which the page reports itself, so that a blocked inline script or style fails the test)."""

WATCH_CSP = ("document.addEventListener('securitypolicyviolation', "
             "e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")


def watched(page, problems, *, expected=()):
    """`page`, appending to `problems` every error but the favicon's and those containing an `expected` text."""
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda message: message.type == "error" and "favicon" not in message.location["url"]
            and not any(text in message.text for text in expected) and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page
