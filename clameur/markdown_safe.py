"""Text from data and URLs made literal before it goes into Markdown (issue 21 §4).

Streamlit renders Markdown in st.markdown, st.write, st.caption, titles, alerts, widget labels and help tooltips,
with extensions: GitHub's autolinks (a bare ``http://…`` or ``www.…`` becomes a link), ``:red[x]`` colours,
``:material/icon:`` and ``:smile:`` shortcodes, ``$…$`` LaTeX. A dataset name, a hashtag, a handle, an event title
or a URL parameter echoed in a sentence could therefore load a remote image or show a phishing link to every
visitor. :func:`md` returns text that Markdown shows as it is:

- every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of them), which undoes
  links, images, emphasis, code, HTML, headings, lists, tables, ``$`` maths and ``:`` directives and shortcodes;
- line breaks become spaces (a name never starts a new block);
- the starts of autolinks (``http://``, ``www.``, ``user@host``), which GitHub Markdown finds in the text after
  escapes are read, get an invisible word joiner (U+2060) that breaks the pattern and nothing else.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
# Where GitHub's autolink literals start: a scheme's "://", "www.", and the "@" of an e-mail address.
_AUTOLINK_STARTS = re.compile(r"(?i)(:)(//)|(www)(\.)|(@)")


def _break_autolinks(text: str) -> str:
    return _AUTOLINK_STARTS.sub(
        lambda m: (
            m.group(1) + WORD_JOINER + m.group(2)
            if m.group(1)
            else m.group(3) + WORD_JOINER + m.group(4)
            if m.group(3)
            else m.group(5) + WORD_JOINER
        ),
        text,
    )


def md(value: object) -> str:
    """``value`` as text that any Streamlit Markdown shows literally (None shows as an empty string)."""
    if value is None:
        return ""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _PUNCTUATION.sub(r"\\\1", _break_autolinks(text))
