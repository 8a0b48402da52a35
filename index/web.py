"""Web pages → the article's text: saved pages (.html, .htm, .mhtml) and links (http, https).

readability-lxml picks the article (title, dateline, body paragraphs, in-article captions)
and leaves menus, breadcrumbs, related links, comments, widgets and scripts; on the ten
saved news pages it kept every article phrase and let through 2 of 79 boilerplate phrases,
where trafilatura let through 21 (docs/PERFORMANCE.md §13). Inside the article, blocks that
are nothing but links (pagination, "more" links) and sections a related-links heading opens
(`推荐阅读`, `Related articles`) are left out too. The article is rendered with its paragraph
and line structure (`<p>` → blank line, `<br>` → line break), so turn labels stay at the
start of their lines. The page's title, publication date (htmldate) and site name become a
header above the article; that text is what is indexed and quoted.

Links are fetched with the standard library: http and https only, web ports only, no
loopback or link-local address unless `SPEECHQA_FETCH_ALLOW` names it, redirects bounded and
each one checked the same way, a time limit and the file size limit, HTML content types only.
Every refusal is one `BadInput` line.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import http.client
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from index.records import BadInput

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".mhtml", ".mht"})
_MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
MAX_REDIRECTS = 5
_DEFAULT_PORTS = {"http": 80, "https": 443}
_FIRST_FREE_PORT = 1024  # ports below are well-known services (ssh 22, smtp 25, …), never a web page but 80/443
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_READ_PIECE = 64 * 1024
_USER_AGENT = "Mozilla/5.0 (compatible; speechqa; reads one page a user asked for)"
DROPPED_SHOWN = 8  # lines of what was left out, for a preview
_DROPPED_CHARS = 60

# Elements whose start and end break a paragraph, and those never shown.
_BLOCKS = frozenset(
    "address article aside blockquote caption center dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "li", "dt")
# Headings that open a section of links to other pages, not part of the article: the usual
# names on Chinese and English news sites (seen on the shared pages: 推荐阅读, 相关新闻,
# 延伸阅读, 热点推荐, 为您推荐, 相关推荐).
RELATED_HEADINGS = frozenset(
    {
        "推荐阅读",
        "相关阅读",
        "相关新闻",
        "相关文章",
        "相关报道",
        "相关链接",
        "相关推荐",
        "延伸阅读",
        "热点推荐",
        "热门推荐",
        "精彩推荐",
        "为您推荐",
        "为你推荐",
        "猜你喜欢",
        "更多新闻",
        "热门文章",
        "热点新闻",
        "阅读排行",
        "网友评论",
        "热门评论",
        "最新评论",
        "related",
        "related articles",
        "related stories",
        "related news",
        "related content",
        "recommended",
        "recommended for you",
        "read more",
        "more stories",
        "you may also like",
        "most popular",
        "most read",
        "comments",
    }
)
_HEADING_END = re.compile(r"[\s:：>»›》|]+$")
_NOT_LETTERS = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
# CSS Text: a line break between two East Asian wide characters is removed, not shown as a space
_WIDE_BREAK = re.compile(r"(?<=[\u2e80-\uffef])[^\S\n]*\n\s*(?=[\u2e80-\uffef])")
_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_TITLE_SEPARATORS = re.compile(
    r"\s+[-–—|·]\s+|\s*[_|]+\s*|(?<=[\u2e80-\uffef])\s*-{1,2}\s*|\s*-{1,2}\s*(?=[\u2e80-\uffef])"
)
_LABEL = re.compile(r"^[^:：\s]{1,6}[:：]\s*")  # `来源：人民网` → 人民网
# an attribute naming who speaks an element's words: `data-speaker`, `data-person-speaking-attribution`
_SPEAKER_ATTRIBUTE = re.compile(r"(?i)^data-(?:[a-z]+-)*(?:speaker|speaking)(?:-(?:name|attribution))?$")


@dataclass(frozen=True)
class Page:
    """A web page as indexed: the text (title, dateline, article) and what was left out."""

    text: str  # what is indexed and quoted: the title, a dateline, the article's paragraphs
    title: str  # as the page names itself ("" when it does not)
    date: str  # publication date, ISO ("" when the page gives none)
    site: str  # the site or source the page names ("" when none)
    page_chars: int  # characters of text on the whole page
    dropped_lines: int  # lines of the page left out (menus, links, comments, …)
    dropped: tuple[str, ...]  # the first of them, shortened, for a preview


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def is_url(text: str) -> bool:
    """Whether `text` is written as a link (`scheme://…`), which `index add` fetches."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", str(text).strip()) is not None


def read_page(data: bytes, name: str, decode: Callable[[bytes, str], str], charset: str = "") -> Page:
    """The article of a saved page or fetched link. `charset`: what the server declared;
    `decode`: the reading of bytes without a usable declaration (index.read.decode_bytes)."""
    if name.lower().endswith(tuple(_MHTML_SUFFIXES)):
        data, charset = _mhtml_page(data, name)
    markup = _END_TAGS.sub("", _decode(data, name, charset, decode))  # HTML5: what follows still is the body
    markup = _XML_DECLARATION.sub("", markup, count=1)  # XHTML's: lxml refuses one in text it is given decoded
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as e:
        raise BadInput(f"{name}: not a readable web page ({' '.join(str(e).split()) or type(e).__name__})") from None
    body = tree.find("body")
    page_text = _render(body) if body is not None else ""
    article = _speaker_turns(body) if body is not None else ""
    article = article or _render(_article(markup))
    if not article:
        raise BadInput(f"{name}: no article text found in the page")
    title, date, site = _title(tree), _date(tree, name), _site(tree)
    first, _, rest = article.partition("\n")
    if title and _squash(title) == _squash(first) and rest.strip():  # the article repeats the title
        article = rest.strip()
    # the header as Markdown, which every parser reads as the document's title and metadata
    dateline = " · ".join(part for part in (date, site) if part)
    header = [f"# {title}" if title else "", f"> {dateline}" if dateline else ""]
    header = [part for part in header if part]
    text = "\n\n".join([*header, article])
    kept = set(text.splitlines())
    dropped = [line for line in dict.fromkeys(page_text.splitlines()) if line and line not in kept]
    return Page(
        text=text,
        title=title,
        date=date,
        site=site,
        page_chars=len(page_text),
        dropped_lines=len(dropped),
        dropped=tuple(_shorten(line) for line in dropped[:DROPPED_SHOWN]),
    )


def _speaker_turns(body) -> str:
    """A transcript whose markup names each statement's speaker in an attribute
    (`<div class="statement" data-person-speaking-attribution="Mr. X (Riding, Party)">`, a
    `data-speaker`): each statement as a `Speaker: words` turn, in order; "" when fewer than two
    elements carry one (the words alone would lose who said them)."""
    statements = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        label = next((" ".join(v.split()) for k, v in element.attrib.items() if _SPEAKER_ATTRIBUTE.search(k)), "")
        if label and not any(s in element.iterancestors() for s, _ in statements[-1:]):  # (not one inside the last)
            statements.append((element, label))
    if len(statements) < 2:
        return ""
    return "\n\n".join(f"{label}: {_render(element)}" for element, label in statements)


def _mhtml_page(data: bytes, name: str) -> tuple[bytes, str]:
    """The HTML part of an MHTML archive (a page saved with its images) and its charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() in _HTML_TYPES:
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset() or ""
    raise BadInput(f"{name}: no HTML page inside this MHTML file")


def _decode(data: bytes, name: str, charset: str, decode: Callable[[bytes, str], str]) -> str:
    """Bytes → markup: a BOM, else UTF-8 when the bytes are UTF-8 (saved pages often keep a
    declaration of the encoding they were re-encoded from), else the declared charset
    (server, then `<meta>`), else `decode`'s reading."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = [charset] if charset else []
    if m := _META_CHARSET.search(data[:4096]):
        declared.append(m.group(1).decode("ascii", "replace"))
    for encoding in declared:
        try:
            # GB2312 and GBK pages use GB18030's characters more often than not
            known = codecs.lookup(encoding).name
            return data.decode("gb18030" if known in ("gb2312", "gbk") else known)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode(data, name)


def _article(markup: str):
    """The article's element, as readability-lxml finds it, with link-only blocks and
    related-links sections taken out."""
    import lxml.html
    from readability import Document

    summary = Document(markup).summary(html_partial=True)
    root = lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
    if root is None:
        return lxml.html.fragment_fromstring("<div></div>")
    _drop(root, [el for el in root.iter(*_HEADINGS) if _is_related_heading(el)], _section_of)
    _drop(root, [el for el in root.iter(*_BLOCKS) if el is not root and _only_links(el)], lambda el, root: el)
    return root


def _drop(root, found: list, widen: Callable) -> None:
    """Remove each found element (widened by `widen(element, root)`), once."""
    gone: set = set()
    for element in found:
        target = widen(element, root)
        if target is root or target in gone or any(a in gone for a in target.iterancestors()):
            continue
        gone.add(target)
        target.drop_tree()


def _is_related_heading(element) -> bool:
    text = _HEADING_END.sub("", _squash(element.text_content())).lower()
    return text in RELATED_HEADINGS


def _section_of(heading, root):
    """The section a related-links heading opens: the largest element below the article
    that starts with it."""
    section = heading
    while (parent := section.getparent()) is not None and parent is not root and _first_text(parent) is section:
        section = parent
    return section


def _first_text(element):
    """The first child that holds any text (None when text comes before every child)."""
    if (element.text or "").strip():
        return None
    return next((child for child in element if _squash(child.text_content())), None)


def _only_links(element) -> bool:
    """A block whose every letter is link text: navigation, pagination, "more" links."""
    text = _NOT_LETTERS.sub("", element.text_content())
    linked = "".join(_NOT_LETTERS.sub("", a.text_content()) for a in element.iter("a"))
    return bool(text) and text == linked


def _render(root) -> str:
    """An element's text as a reader sees it: blocks as paragraphs (blank lines), `<br>` as
    line breaks, runs of white space as one space, scripts and styles left out. Walks
    without recursion, so a page nested thousands deep cannot exhaust the stack."""
    pieces: list[str] = []
    stack = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""  # comments have a function as tag
        if closing or not tag or tag in _NOT_SHOWN:
            if closing and tag in _BLOCKS:
                pieces.append("\n\n")
            if element.tail and element is not root:
                pieces.append(_flow(element.tail))
            continue
        if tag == "br":
            pieces.append("\n")
        elif tag in _BLOCKS:
            pieces.append("\n\n")
        if tag == "pre":
            pieces.append(element.text_content())
            stack.append((element, True))
            continue
        if element.text:
            pieces.append(_flow(element.text))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _flow(text: str) -> str:
    """Text as HTML flows it: white space collapses to one space, and a line break between
    two Chinese characters disappears."""
    return _SPACES.sub(" ", _WIDE_BREAK.sub("", text))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _shorten(line: str) -> str:
    return line if len(line) <= _DROPPED_CHARS else line[:_DROPPED_CHARS] + "…"


def _meta(tree, *names: str) -> str:
    """The first non-empty `<meta>` content among `names` (property or name)."""
    for name in names:
        for value in tree.xpath("//meta[@property=$n or @name=$n]/@content", n=name):
            if value := _squash(value):
                return value
    return ""


def _title(tree) -> str:
    """The page's title: og:title, else the heading the `<title>` repeats, else the longest
    piece of `<title>` (without the site name after `_`, ` - `, `|`)."""
    if found := _meta(tree, "og:title", "twitter:title"):
        return found
    title = _squash(tree.findtext(".//title") or "")
    for heading in tree.iter("h1"):
        text = _squash(heading.text_content())
        if text and (text in title or not title):
            return text
    return max(_TITLE_SEPARATORS.split(title), key=len).strip() if title else ""


def _site(tree) -> str:
    """The site or source the page names (`og:site_name`, a `source` meta tag)."""
    return _LABEL.sub("", _meta(tree, "og:site_name", "source"))


def _date(tree, name: str) -> str:
    """The page's publication date (ISO) from its markup and, for a link, its address."""
    import logging

    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    url = name if is_url(name) else None
    try:
        return find_date(tree, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d") or ""
    except (ValueError, TypeError):  # htmldate's complaint about a page it cannot date
        return ""


# ---- links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """A page as a server sent it."""

    url: str  # after redirects
    data: bytes
    charset: str  # as the server declared it ("" when it did not)


def fetch(url: str, *, max_bytes: int, timeout: float, allow: str = "") -> Fetched:
    """GET a web page: http/https, web ports, no loopback or link-local address unless
    `allow` (comma-separated `host:port`) names it, at most MAX_REDIRECTS redirects (each
    checked alike), `timeout` seconds in all, `max_bytes`, an HTML content type. BadInput
    (one line naming `url`) for anything else."""
    url = url.strip()
    allowed = {entry.strip().lower() for entry in allow.split(",") if entry.strip()}
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    current = url
    while True:
        if current in seen:
            raise BadInput(f"{url}: redirect loop (back to {current})")
        if len(seen) > MAX_REDIRECTS:
            raise BadInput(f"{url}: more than {MAX_REDIRECTS} redirects")
        seen.append(current)
        try:
            target = _checked(current, allowed)
        except BadInput as refused:
            raise BadInput(f"{url}: redirected to {refused}" if current != url else str(refused)) from None
        try:
            connection, response = _request(url, target, allowed, deadline)
        except (TimeoutError, socket.timeout):
            raise BadInput(f"{url}: no answer within {timeout:g} s") from None
        except ssl.SSLError as e:
            raise BadInput(f"{url}: secure connection failed ({e.reason or type(e).__name__})") from None
        except (OSError, http.client.HTTPException) as e:
            raise BadInput(f"{url}: could not be fetched ({_reason(e)})") from None
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise BadInput(f"{url}: redirect without a Location")
                current = urljoin(current, location.strip())
                continue
            if response.status != 200:
                raise BadInput(f"{url}: HTTP {response.status} {response.reason}".rstrip())
            return Fetched(current, *_body(url, response, max_bytes, deadline, timeout))
        finally:
            connection.close()


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _checked(url: str, allowed: set[str]) -> _Target:
    """The parts of a link that may be fetched; BadInput for a scheme, port or address
    that may not."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise BadInput(f"{url}: only http:// and https:// links are read, not {scheme or 'this'}:")
    if parts.username or parts.password:
        raise BadInput(f"{url}: a link with a user name or password is not read")
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise BadInput(f"{url}: not a valid port") from None
    if not host:
        raise BadInput(f"{url}: no host name")
    named = _host_port(host, port) in allowed
    if not named and port != _DEFAULT_PORTS[scheme] and port < _FIRST_FREE_PORT:
        raise BadInput(f"{url}: port {port} is not a web port (80, 443 or {_FIRST_FREE_PORT}–65535)")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        raise BadInput(f"{url}: host {host} not found") from None
    if not named:
        for address in addresses:
            _check_address(url, host, port, address)
    path = parts.path or "/"
    return _Target(scheme, host, port, path + (f"?{parts.query}" if parts.query else ""))


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _check_address(url: str, host: str, port: int, address: str) -> None:
    """Refuse this machine (loopback), link-local addresses (cloud metadata services),
    and addresses that are no host (unspecified, multicast, reserved). Private networks
    are allowed: an intranet page is a page."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        kind = "this machine" if ip.is_loopback else "a link-local or reserved address"
        raise BadInput(
            f"{url}: {host} is {kind} ({ip}); not fetched unless SPEECHQA_FETCH_ALLOW names {_host_port(host, port)}"
        )


def _request(url: str, target: _Target, allowed: set[str], deadline: float):
    """Connect, check the address actually reached, send the GET; (connection, response)."""
    remaining = max(deadline - time.monotonic(), 0.001)
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=remaining)
    try:
        connection.connect()
        if _host_port(target.host, target.port) not in allowed:  # the name may resolve anew
            _check_address(url, target.host, target.port, connection.sock.getpeername()[0])
        connection.request(
            "GET",
            target.path,
            headers={
                "User-Agent": _USER_AGENT,
                "Accept": "text/html,application/xhtml+xml",
                "Accept-Encoding": "identity",
            },
        )
        return connection, connection.getresponse()
    except BaseException:
        connection.close()
        raise


def _body(url: str, response, max_bytes: int, deadline: float, timeout: float) -> tuple[bytes, str]:
    """The page's bytes and declared charset, after checking its type, encoding and size."""
    content_type = response.getheader("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    if media and media not in _HTML_TYPES:
        raise BadInput(f"{url}: content type {media} is not a web page (text/html)")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise BadInput(f"{url}: the server sent the page compressed ({encoding}) though asked not to")
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise BadInput(f"{url}: page is {int(length) / 2**20:.1f} MB, over the {max_bytes / 2**20:.1f} MB limit")
    pieces, size = [], 0
    while piece := _read(response, deadline, url, timeout):
        size += len(piece)
        if size > max_bytes:
            raise BadInput(f"{url}: page is over the {max_bytes / 2**20:.1f} MB limit")
        pieces.append(piece)
    data = b"".join(pieces)
    if not media and not re.match(rb"\s*<", data[:1024]):
        raise BadInput(f"{url}: no content type, and not a web page")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return data, charset.group(1) if charset else ""


def _read(response, deadline: float, url: str, timeout: float) -> bytes:
    """The next piece of the body. Each read waits at most the socket's timeout, and no
    read starts after the deadline: a server that trickles the page is cut off."""
    if time.monotonic() > deadline:
        raise BadInput(f"{url}: not fully received within {timeout:g} s")
    try:
        return response.read1(_READ_PIECE)
    except (TimeoutError, socket.timeout):
        raise BadInput(f"{url}: not fully received within {timeout:g} s") from None
    except (OSError, http.client.HTTPException) as e:
        raise BadInput(f"{url}: the page broke off ({_reason(e)})") from None


def _reason(error: BaseException) -> str:
    """An error in a few words: `connection refused`, `IncompleteRead`, …"""
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    text = " ".join(str(error).split())
    return text[:120] if text else type(error).__name__
