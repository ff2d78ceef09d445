#!/usr/bin/env python3
"""A stand-in browser for `pkjwt login` tests, run through BROWSER.

Follows the authorization URL (the last argument) with a cookie jar,
submits oidc-provider's development login and consent forms (devInteractions)
or its device confirmation form, and at the loopback callback (a redirect
whose path is /callback) acts as PKJWT_TEST_BROWSER says:

  follow (default)  GET the callback, as a browser does
  deny              abort at the login page instead (access_denied)
  wrong-state       GET the callback with state replaced
  wrong-iss         GET the callback with iss replaced
  paste             write the callback URL to PKJWT_TEST_BROWSER_OUT, do not GET it
  none              do nothing at all (no callback: the login times out)

The page the callback answers is written to PKJWT_TEST_BROWSER_PAGE when set.
Standard library only. Exits 0 when it did its part, 1 otherwise (stderr says why).
"""

import html.parser
import http.cookiejar
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(), "fields": []}
            self.forms.append(self.current)
        elif tag == "input" and self.current is not None:
            name = a.get("name")
            if name:
                self.current["fields"].append((name, a.get("value") or "", a.get("type", "text")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def main():
    mode = os.environ.get("PKJWT_TEST_BROWSER", "follow")
    url = sys.argv[-1]
    if mode == "none":
        return 0
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    data = None
    for _ in range(30):
        parsed = urllib.parse.urlsplit(url)
        if parsed.path == "/callback":
            return callback(mode, url)
        if mode == "deny" and "/interaction/" in parsed.path and not parsed.path.endswith("/abort") and data is None:
            url = url.rstrip("/") + "/abort"
            continue
        req = urllib.request.Request(url, data=data)
        data = None
        try:
            resp = opener.open(req, timeout=20)
            status, headers, body = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, e.headers, e.read()
        if status in (301, 302, 303, 307, 308):
            url = urllib.parse.urljoin(url, headers["Location"])
            continue
        text = body.decode("utf-8", "replace")
        if status != 200:
            print(f"browser.py: {url} answered {status}: {text[:500]}", file=sys.stderr)
            return 1
        p = Forms()
        p.feed(text)
        posts = [f for f in p.forms if f["method"] == "post"]
        if not posts:
            # The device flow's last page: done.
            print(f"browser.py: done at {url}", file=sys.stderr)
            return 0
        form = posts[0]
        fields = []
        for name, value, kind in form["fields"]:
            if name == "login":
                value = "alice"
            elif name == "password":
                value = "secret"
            fields.append((name, value))
        data = urllib.parse.urlencode(fields).encode()
        url = urllib.parse.urljoin(url, form["action"] or url)
    print("browser.py: too many steps", file=sys.stderr)
    return 1


def callback(mode, url):
    parts = urllib.parse.urlsplit(url)
    q = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if mode == "wrong-state":
        q = [(k, "not-the-state" if k == "state" else v) for k, v in q]
    if mode == "wrong-iss":
        q = [(k, "https://evil.example" if k == "iss" else v) for k, v in q]
    url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(q)))
    if mode == "paste":
        with open(os.environ["PKJWT_TEST_BROWSER_OUT"], "w") as f:
            f.write(url + "\n")
        return 0
    try:
        body = urllib.request.urlopen(url, timeout=30).read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace")
    out = os.environ.get("PKJWT_TEST_BROWSER_PAGE")
    if out:
        with open(out, "w") as f:
            f.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
