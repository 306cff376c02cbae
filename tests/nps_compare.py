"""nps_compare: strict token comparison of program output against NumPy's.

The rules are those of the acceptance suite (../shared/acceptance/README.md,
"Comparison", strict mode):
  * tokens are split at whitespace; each of  [ ] ( ) ' , ;  is a token of its own;
  * a number is [+-]digits[.digits][e+-dd], nan or inf (optionally signed);
  * integers (no '.', no exponent) must be equal text;
  * an integer never matches a float and vice versa;
  * floats match within rel 1e-6 / abs 1e-9 and, when equal within tolerance,
    must also agree on the sign of zero, on fixed vs scientific notation and on
    the trailing '.' form; nan must be spelled 'nan' (not '-nan');
  * everything else is compared as exact text.
Also the helpers shared by the runners: sanitizer report detection and
Python traceback parsing.
"""

import math
import re

REL_TOL = 1e-6
ABS_TOL = 1e-9

_SPLIT = re.compile(r"[\[\]()',;]|[^\s\[\]()',;]+")
_NUMBER = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|nan|inf)")
_INTEGER = re.compile(r"[+-]?\d+")

SANITIZER = re.compile(
    r"==\d+==\s*ERROR:\s*\w*Sanitizer|SUMMARY:\s*\w*Sanitizer"
    r"|^\S+\.(?:c|h|cc|cpp|ll|s|S|inc):\d+:\d+: runtime error:", re.M)


def tokens(text):
    """[(token, line)] for text, line numbers 1-based."""
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        out.extend((m.group(0), n) for m in _SPLIT.finditer(line))
    return out


def _is_number(t):
    return _NUMBER.fullmatch(t) is not None


def _is_int(t):
    return _INTEGER.fullmatch(t) is not None


def _float_form_differs(e, a):
    """Reason why two numerically equal float spellings differ, or None."""
    fe, fa = float(e), float(a)
    if fe == 0.0 and math.copysign(1.0, fe) != math.copysign(1.0, fa):
        return "sign of zero differs"
    if ("e" in e.lower()) != ("e" in a.lower()):
        return "fixed vs scientific notation"
    if e.endswith(".") != a.endswith("."):
        return "trailing '.' form differs"
    return None


def token_diff(e, a):
    """None if actual token a matches expected token e, else the reason."""
    if e == a:
        return None
    if not (_is_number(e) and _is_number(a)):
        return "text differs"
    ie, ia = _is_int(e), _is_int(a)
    if ie and ia:
        return "integers differ"
    if ie:
        return "float printed where an integer was expected"
    if ia:
        return "integer printed where a float was expected"
    fe, fa = float(e), float(a)
    if math.isnan(fe) or math.isnan(fa):
        if math.isnan(fe) and math.isnan(fa):
            return "nan must be spelled 'nan'"
        return "nan vs number"
    if math.isinf(fe) or math.isinf(fa):
        return None if fe == fa else "inf vs number"
    if abs(fe - fa) > max(REL_TOL * max(abs(fe), abs(fa)), ABS_TOL):
        return "numbers differ beyond tolerance"
    return _float_form_differs(e, a)


def _around(toks, i, width=5):
    lo, hi = max(0, i - width), min(len(toks), i + width + 1)
    words = [">>%s<<" % t if j == i else t for j, (t, _) in enumerate(toks[lo:hi], lo)]
    return ("... " if lo else "") + " ".join(words) + (" ..." if hi < len(toks) else "")


def compare(expected, actual):
    """None when actual output matches expected, else a list of message lines."""
    et, at = tokens(expected), tokens(actual)
    for i, ((e, el), (a, al)) in enumerate(zip(et, at)):
        why = token_diff(e, a)
        if why:
            return ["output differs at token %d (expected line %d, actual line %d): "
                    "expected %r, got %r: %s" % (i + 1, el, al, e, a, why),
                    "  expected: " + _around(et, i),
                    "  actual:   " + _around(at, i)]
    n = min(len(et), len(at))
    if len(et) > n:
        return ["output ended early after %d tokens; next expected %r (line %d)"
                % (n, et[n][0], et[n][1]),
                "  expected: " + _around(et, n),
                "  actual:   " + (_around(at, n - 1) if at else "(no output)")]
    if len(at) > n:
        return ["extra output after %d tokens: %r (line %d)" % (n, at[n][0], at[n][1]),
                "  actual:   " + _around(at, n)]
    return None


_FRAME = re.compile(r'^\s*File "([^"]*)", line (\d+)')
_EXC = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def traceback_site(stderr, filename):
    """(line, exception class) from a Python traceback: the innermost frame
    whose file is `filename` (basename compare) and the class on the last line."""
    line = cls = None
    for text in stderr.splitlines():
        m = _FRAME.match(text)
        if m and m.group(1).replace("\\", "/").rsplit("/", 1)[-1] == filename:
            line = int(m.group(2))
    for text in reversed(stderr.strip().splitlines()):
        m = _EXC.match(text)
        if m and not text.startswith(" "):
            cls = m.group(1).rsplit(".", 1)[-1]
            break
    return line, cls
