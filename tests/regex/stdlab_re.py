"""A `re`-compatible module whose str patterns run on StdLab's engine (`stdlab regex --batch`).

Used by cpython_test_re.py to run CPython's own Lib/test/test_re.py against StdLab. Everything a
str pattern does - compiling (errors, warnings, flags, groups), matching, findall/finditer,
sub/subn with template strings, split, Match.expand() templates, lastindex - is answered by the
engine; this module only turns its JSON into Python objects. Callable replacements and the
Scanner are built here on top of finditer, as the issue asks.

Out of StdLab's scope, handed to CPython's own `re` so that tests mixing them with str patterns
still check their str half: bytes patterns, the LOCALE and DEBUG flags. The tests that only
check those are skipped by name in cpython_test_re.py.

Texts of 64 Ki characters or more are sent once (op "store") and referred to by id; results on
them come back as spans ("slices") that are cut here from the text already held.
"""

import copyreg
import enum
import functools
import json
import os
import re as _cre  # CPython's re: RegexFlag, escape(), bytes/LOCALE/DEBUG only
import subprocess
import sys
import threading
import warnings

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "compile",
    "purge", "template", "escape", "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X",
    "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE",
    "NOFLAG", "RegexFlag", "Scanner", "T", "TEMPLATE", "DEBUG",
]

# Flags are plain Python (an IntFlag), not engine work: CPython's own class.
RegexFlag = _cre.RegexFlag
globals().update(RegexFlag.__members__)
NOFLAG = RegexFlag.NOFLAG
escape = _cre.escape

_LOCALE, _DEBUG, _TEMPLATE, _UNICODE, _ASCII = 4, 128, 1, 32, 256
_STORE_THRESHOLD = 64 * 1024


class error(_cre.error):
    """re.error for StdLab's errors: CPython's class (msg, pattern, pos, lineno, colno)."""


error.__module__ = 're'
PatternError = error


class _Engine:
    """One `stdlab regex --batch` process, one request at a time."""

    def __init__(self, binary):
        self._binary = binary
        self._proc = None
        self._lock = threading.Lock()
        self._next = 0
        self.requests = 0

    def forked(self):
        """In a forked child (multiprocessing): the parent's process and pipe stay the
        parent's; the child starts its own engine on its first call."""
        self._proc = None
        self._lock = threading.Lock()
        _stored.clear()

    def _start(self):
        self._proc = subprocess.Popen(
            [self._binary, "regex", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            bufsize=1 << 20)

    def call(self, request):
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
                _stored.clear()
            self._next += 1
            self.requests += 1
            request["id"] = self._next
            line = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
            # Lone surrogates travel as JSON escapes (\ud800), which the engine decodes as such.
            data = line.encode("utf-8", "surrogatepass") if _has_surrogates(line) else \
                line.encode("utf-8")
            if _has_surrogates(line):
                data = json.dumps(request, separators=(",", ":")).encode("ascii")
            self._proc.stdin.write(data + b"\n")
            self._proc.stdin.flush()
            answer = self._proc.stdout.readline()
            while _to_remove:
                os.unlink(_to_remove.pop())
            if not answer:
                raise RuntimeError("stdlab regex --batch died (request %r)" % (line[:200],))
            response = json.loads(answer)
            if response.get("id") != self._next:
                raise RuntimeError("answer out of order: %r" % (answer[:200],))
            return response

    def close(self):
        if self._proc is not None:
            self._proc.stdin.close()
            self._proc.wait()
            self._proc = None


def _has_surrogates(s):
    try:
        s.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


_engine = _Engine(os.environ.get("STDLAB_BINARY", "stdlab"))
os.register_at_fork(after_in_child=_engine.forked)


# Large texts stored in the engine: id(text) -> (text, text_id); the text is kept alive so its
# id cannot be reused while the entry exists.
_stored = {}
_STORED_MAX = 4


def _text_fields(text):
    if len(text) < _STORE_THRESHOLD:
        return {"text": text, "slices": True}
    entry = _stored.get(id(text))
    if entry is None or entry[0] is not text:
        if len(_stored) >= _STORED_MAX:
            old = next(iter(_stored))
            _, old_id = _stored.pop(old)
            _engine.call({"op": "drop", "text_id": old_id})
        answer = _engine.call(_store_request(text))
        if "error" in answer:
            raise RuntimeError(answer["error"]["message"])
        entry = (text, answer["result"])
        _stored[id(text)] = entry
    return {"text_id": entry[1], "slices": True}


def _store_request(text):
    """A file is faster than a JSON string for big texts; lone surrogates need JSON."""
    try:
        data = str(text).encode("utf-8")
    except UnicodeEncodeError:
        return {"op": "store", "text": str(text)}
    import tempfile
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
    fd, path = tempfile.mkstemp(prefix="stdlab_re_", dir=folder)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    _to_remove.append(path)
    return {"op": "store", "file": path}


_to_remove = []


def _raise(answer, pattern, repl=None):
    e = answer["error"]
    kind = e.get("type", "error")
    message = e["message"]
    if e.get("limit"):
        raise RuntimeError(message)
    if kind == "IndexError":
        raise IndexError(message)
    if kind == "ValueError":
        raise ValueError(message)
    if kind == "OverflowError":
        raise OverflowError(message)
    if kind == "RecursionError":
        raise RecursionError(message)
    raise error(message, repl if e.get("in") == "repl" else pattern, e.get("pos"))


def _warn(answer):
    """Issues the engine's warnings as Python would: attributed to the caller of this module."""
    _reissue((w["category"], w["message"]) for w in answer.get("warnings", ()))


def _reissue(items):
    level = 1
    frame = sys._getframe(0)
    while frame is not None and frame.f_globals is globals():
        frame = frame.f_back
        level += 1
    for name, message in items:
        category = {"DeprecationWarning": DeprecationWarning,
                    "FutureWarning": FutureWarning}.get(name, UserWarning)
        warnings.warn(message, category, stacklevel=level)


def _check_text(string):
    if isinstance(string, str):
        return
    if isinstance(string, (bytes, bytearray, memoryview)) or _is_buffer(string):
        raise TypeError("cannot use a string pattern on a bytes-like object")
    raise TypeError("expected string or bytes-like object, got %r" % type(string).__name__)


def _is_buffer(obj):
    try:
        memoryview(obj)
        return True
    except TypeError:
        return False


_MAXSIZE = sys.maxsize


def _index(value):
    return value.__index__() if not isinstance(value, int) else value


class Pattern:
    """re.Pattern for a str pattern compiled by StdLab."""

    __slots__ = ("_pattern", "_flags", "_groups", "_groupindex", "_request_flags", "__weakref__")

    def __init__(self, *args, **kwargs):
        raise TypeError("cannot create 're.Pattern' instances")

    @classmethod
    def _make(cls, pattern, request_flags, info):
        self = object.__new__(cls)
        self._pattern = pattern
        self._request_flags = request_flags
        self._flags = info["flags"]
        self._groups = info["groups"]
        self._groupindex = info["groupindex"]
        return self

    pattern = property(lambda self: self._pattern)
    flags = property(lambda self: self._flags)
    groups = property(lambda self: self._groups)

    @property
    def groupindex(self):
        import types
        return types.MappingProxyType(dict(self._groupindex))

    def _request(self, op, string, **fields):
        request = {"op": op, "pattern": self._pattern, "flags": self._request_flags}
        request.update(_text_fields(string))
        request.update(fields)
        answer = _engine.call(request)
        if "error" in answer:
            _raise(answer, self._pattern, fields.get("repl"))
        return answer["result"], request.get("slices", False)

    def _single(self, op, string, pos, endpos):
        _check_text(string)
        pos = _index(pos)
        endpos = _index(endpos)
        n = len(string)
        pos = min(max(pos, 0), n)
        endpos = min(max(endpos, 0), n)
        result, _ = self._request(op, string, pos=pos, endpos=endpos)
        if result is None:
            return None
        return Match._make(self, string, pos, endpos, result)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._single("match", string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._single("fullmatch", string, pos, endpos)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._single("search", string, pos, endpos)

    def _finditer_list(self, string, pos=0, endpos=_MAXSIZE):
        _check_text(string)
        n = len(string)
        pos = min(max(_index(pos), 0), n)
        endpos = min(max(_index(endpos), 0), n)
        result, _ = self._request("finditer", string, pos=pos, endpos=endpos)
        return [Match._make(self, string, pos, endpos, m) for m in result]

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        return iter(self._finditer_list(string, pos, endpos))

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        _check_text(string)
        n = len(string)
        pos = min(max(_index(pos), 0), n)
        endpos = min(max(_index(endpos), 0), n)
        result, slices = self._request("findall", string, pos=pos, endpos=endpos)
        if slices:
            cut = lambda span: str(string[span[0]:span[1]])
            return [tuple(cut(s) for s in item) if self._groups > 1 else cut(item)
                    for item in result]
        return [tuple(item) if self._groups > 1 else item for item in result]

    def split(self, string, maxsplit=0):
        _check_text(string)
        result, slices = self._request("split", string, maxsplit=_index(maxsplit))
        if slices:
            return [None if s is None else str(string[s[0]:s[1]]) for s in result]
        return result

    def _subx(self, repl, string, count, subn):
        _check_text(string)
        count = _index(count)
        if callable(repl):
            pieces = []
            last = 0
            n = 0
            if count >= 0:
                for m in self.finditer(string):
                    if count and n >= count:
                        break
                    pieces.append(str(string[last:m.start()]))
                    r = repl(m)
                    if r is not None:
                        if not isinstance(r, str):
                            raise TypeError("expected str instance, %s found"
                                            % type(r).__name__)
                        pieces.append(r)
                    last = m.end()
                    n += 1
            pieces.append(str(string[last:]))
            text = "".join(pieces)
            return (text, n) if subn else text
        if not isinstance(repl, str):
            if isinstance(repl, (bytes, bytearray, memoryview)):
                raise TypeError("expected str instance, %s found" % type(repl).__name__)
            raise TypeError("expected str instance, %s found" % type(repl).__name__)
        request = {"op": "subn" if subn else "sub", "pattern": self._pattern,
                   "flags": self._request_flags, "repl": str(repl), "count": count}
        request.update(_text_fields(string))
        answer = _engine.call(request)
        if "error" in answer:
            _raise(answer, self._pattern, str(repl))
        _warn(answer)
        result = answer["result"]
        if request.get("slices"):
            pieces, n = (result if subn else (result, 0))
            text = "".join(string[p[0]:p[1]] if isinstance(p, list) else p for p in pieces)
            return (str(text), n) if subn else str(text)
        return tuple(result) if subn else result

    def sub(self, repl, string, count=0):
        return self._subx(repl, string, count, False)

    def subn(self, repl, string, count=0):
        return self._subx(repl, string, count, True)

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        return _SreScanner(self, string, pos, endpos)

    def _template(self, template):
        answer = _engine.call({"op": "template", "pattern": self._pattern,
                               "flags": self._request_flags, "repl": template})
        if "error" in answer:
            _raise(answer, self._pattern, template)
        _warn(answer)
        return answer["result"]

    def __repr__(self):
        flag_names = [("re.TEMPLATE", 1), ("re.IGNORECASE", 2), ("re.LOCALE", 4),
                      ("re.MULTILINE", 8), ("re.DOTALL", 16), ("re.UNICODE", 32),
                      ("re.VERBOSE", 64), ("re.DEBUG", 128), ("re.ASCII", 256)]
        flags = self._flags
        if flags & (_LOCALE | _UNICODE | _ASCII) == _UNICODE:
            flags &= ~_UNICODE
        text = repr(self._pattern)[:200]
        if not flags:
            return "re.compile(%s)" % text
        names = []
        for name, value in flag_names:
            if flags & value:
                names.append(name)
                flags &= ~value
        if flags:
            names.append("0x%x" % flags)
        return "re.compile(%s, %s)" % (text, "|".join(names))

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self._pattern == other._pattern and self._flags == other._flags

    def __hash__(self):
        return hash((self._pattern, self._flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return _compile, (self._pattern, self._flags)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


Pattern.__module__ = "re"


class Match:
    """re.Match for a StdLab match: spans from the engine, strings cut from the text."""

    __slots__ = ("_re", "_string", "_pos", "_endpos", "_spans", "_lastindex")

    def __init__(self, *args, **kwargs):
        raise TypeError("cannot create 're.Match' instances")

    @classmethod
    def _make(cls, pattern, string, pos, endpos, result):
        self = object.__new__(cls)
        self._re = pattern
        self._string = string
        self._pos = pos
        self._endpos = endpos
        self._spans = [tuple(result["span"])] + [tuple(s) for s in result["spans"]]
        self._lastindex = result.get("lastindex")
        return self

    re = property(lambda self: self._re)
    string = property(lambda self: self._string)
    pos = property(lambda self: self._pos)
    endpos = property(lambda self: self._endpos)
    lastindex = property(lambda self: self._lastindex)

    @property
    def lastgroup(self):
        if self._lastindex is None:
            return None
        for name, index in self._re._groupindex.items():
            if index == self._lastindex:
                return name
        return None

    @property
    def regs(self):
        return tuple(self._spans)

    def _index(self, group):
        if isinstance(group, int) or hasattr(type(group), "__index__") and \
                not isinstance(group, (str, bytes)):
            try:
                g = group.__index__()
            except (AttributeError, TypeError):
                raise IndexError("no such group")
            if 0 <= g < len(self._spans):
                return g
            raise IndexError("no such group")
        if isinstance(group, str):
            try:
                return self._re._groupindex[group]
            except KeyError:
                pass
        raise IndexError("no such group")

    def _get(self, g, default=None):
        s, e = self._spans[g]
        if s < 0:
            return default
        return self._string[s:e]

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, group):
        return self._get(self._index(group))

    def groups(self, default=None):
        return tuple(self._get(g, default) for g in range(1, len(self._spans)))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self._re._groupindex.items()}

    def start(self, group=0):
        return self._spans[self._index(group)][0]

    def end(self, group=0):
        return self._spans[self._index(group)][1]

    def span(self, group=0):
        return self._spans[self._index(group)]

    def expand(self, template):
        if not isinstance(template, str):
            raise TypeError("expected str instance, %s found" % type(template).__name__)
        out = []
        for piece in self._re._template(template):
            if isinstance(piece, str):
                out.append(piece)
            else:
                value = self._get(piece)
                if value is not None:
                    out.append(value)
        return "".join(out)

    def __repr__(self):
        return "<re.Match object; span=(%d, %d), match=%r>" % (
            self._spans[0][0], self._spans[0][1], self.group(0))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


Match.__module__ = "re"


class _SreScanner:
    """pattern.scanner(): match() takes consecutive finditer matches, search() any next one."""

    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._matches = pattern._finditer_list(string, pos, endpos)
        self._next = 0
        n = len(string)
        self._at = min(max(_index(pos), 0), n)
        self._done = False

    def match(self):
        if self._done or self._next >= len(self._matches):
            self._done = True
            return None
        m = self._matches[self._next]
        if m.start() != self._at:
            self._done = True
            return None
        self._next += 1
        self._at = m.end()
        return m

    def search(self):
        if self._done or self._next >= len(self._matches):
            self._done = True
            return None
        m = self._matches[self._next]
        self._next += 1
        self._at = m.end()
        return m


# ---------------------------------------------------------------------------------------------
# Module functions

_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = flags.value
    try:
        return _cache[type(pattern), pattern, flags]
    except KeyError:
        pass
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if isinstance(pattern, _cre.Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, str):
        if isinstance(pattern, (bytes, bytearray, memoryview)) or _is_buffer(pattern):
            return _cpython_compile(pattern, flags)  # bytes: CPython's re (out of scope)
        raise TypeError("first argument must be string or compiled pattern")
    if flags & _TEMPLATE:
        warnings.warn("The re.TEMPLATE/re.T flag is deprecated "
                      "as it is an undocumented flag "
                      "without an obvious purpose. "
                      "Don't use it.",
                      DeprecationWarning)
    if flags & (_LOCALE | _DEBUG) and not flags & _ASCII and not flags & _UNICODE:
        # LOCALE: str patterns refuse it - the engine says so; DEBUG prints sre's tree.
        if flags & _DEBUG:
            return _cpython_compile(pattern, flags)
    answer = _engine.call({"op": "compile", "pattern": pattern, "flags": int(flags)})
    if "error" in answer:
        _raise(answer, pattern)
    _warn(answer)
    p = Pattern._make(pattern, int(flags), answer["result"])
    if len(_cache) >= _MAXCACHE:
        try:
            del _cache[next(iter(_cache))]
        except (StopIteration, RuntimeError, KeyError):
            pass
    _cache[type(pattern), pattern, flags] = p
    return p


def _cpython_compile(pattern, flags):
    failure = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compiled = _cre.compile(pattern, flags)
        except _cre.error as e:
            failure = e
    _reissue((w.category.__name__, str(w.message)) for w in caught)
    if failure is not None:
        raise error(failure.msg, failure.pattern, failure.pos) from None
    return compiled


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def purge():
    _cache.clear()


def template(pattern, flags=0):
    warnings.warn("The re.template() function is deprecated "
                  "as it is an undocumented function "
                  "without an obvious purpose. "
                  "Use re.compile() instead.",
                  DeprecationWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # warn just once
        return _compile(pattern, flags | _TEMPLATE)


copyreg.pickle(Pattern, lambda p: (_compile, (p.pattern, p._request_flags)))


class Scanner:
    """re.Scanner over StdLab: one alternation of the phrases as groups, lastindex picks."""

    def __init__(self, lexicon, flags=0):
        if isinstance(flags, RegexFlag):
            flags = flags.value
        self.lexicon = lexicon
        self.scanner = compile("|".join("(%s)" % phrase if False else "((?:%s))" % phrase
                                        for phrase, _ in lexicon), flags)
        # The phrase of each outer group (phrases may hold groups of their own).
        self._phrase_of = {}
        g = 1
        for i, (phrase, _) in enumerate(lexicon):
            self._phrase_of[g] = i
            g += 1 + compile(phrase, flags).groups

    def scan(self, string):
        result = []
        append = result.append
        match = self.scanner.scanner(string).match
        i = 0
        while True:
            m = match()
            if not m:
                break
            j = m.end()
            if i == j:
                break
            index = max(g for g in self._phrase_of if g <= m.lastindex)
            action = self.lexicon[self._phrase_of[index]][1]
            if callable(action):
                self.match = m
                action = action(self, m.group())
            if action is not None:
                append(action)
            i = j
        return result, string[i:]
