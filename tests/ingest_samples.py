"""Sample inputs for the ingest tests: small, written for these tests, shaped like real news pages.

Tests write them into ``tmp_path`` in the encoding or format under test.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: A plain news article: category tag, headline, dateline, two paragraphs, comment widget.
NEWS = """World

Mexico seizes fentanyl precursors at Manzanillo port

Published on November 15, 2023

Mexican authorities seized more than two tonnes of fentanyl precursor chemicals at the port of Manzanillo on Tuesday, the navy said in a statement.

The shipment had arrived from Shanghai and was declared as industrial solvents, according to the navy.

Leave a Reply
"""
NEWS_TITLE = "Mexico seizes fentanyl precursors at Manzanillo port"

#: An article whose words need more than ASCII: curly quotes, dashes, accents, a pound sign.
ACCENTED = """Café owners in Zürich fear new rules

“Café owners in Zürich are worried,” said José Muñoz — a spokesman — on Monday. A coffee costs £3.
"""
ACCENTED_TITLE = "Café owners in Zürich fear new rules"
ACCENTED_BODY = "“Café owners in Zürich are worried,” said José Muñoz — a spokesman — on Monday. A coffee costs £3."

#: A second, different article.
OTHER = """Biden to lift sanctions on Chinese ministry

President Joe Biden is expected to lift sanctions on a Chinese government ministry in exchange for new anti-drug measures, Bloomberg reported.
"""
OTHER_TITLE = "Biden to lift sanctions on Chinese ministry"

#: A WordPress-style scrape: menus, breadcrumb, byline and date, share buttons one per line,
#: related posts, a comment thread with a reader's comment, the comment form, and a footer.
WORDPRESS = """Skip to content
Menu
Home » World » Asia

Cartel chemists trained in China, DEA says

By Maria Lopez
March 3, 2024

WASHINGTON (Reuters) - Mexican cartel chemists have been trained by brokers in China to make fentanyl from cheaper precursors, the U.S. Drug Enforcement Administration said on Thursday.

The DEA said the brokers advertised on social media and accepted payment in cryptocurrency.

Photo: A DEA agent holds seized fentanyl pills in Phoenix. (John Moore/Getty Images)

“This is a business for them,” DEA Administrator Anne Milgram told reporters.

Reporting by Maria Lopez; Editing by Tom Hogue

Share this:
Twitter
Facebook
Like this:
Like Loading...
Related
Posted in World | Tagged China, DEA, fentanyl | 3 Comments
3 thoughts on “Cartel chemists trained in China, DEA says”
John Smith says:
March 3, 2024 at 10:15 am
Terrible news. Something must be done.
Reply
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *
Comment *
Name *
Email *
Website
Save my name, email, and website in this browser for the next time I comment.
Post Comment
Previous Post: Biden meets Xi in California
Next Post: Mexico extradites cartel leader
Subscribe to our newsletter
© 2024 Example News. All rights reserved. Powered by WordPress.
"""
WORDPRESS_TITLE = "Cartel chemists trained in China, DEA says"

MARKDOWN = """---
title: Blinken urges China to act on fentanyl
date: 2023-07-07
author: Jane Roe
---

# Blinken urges China to act on fentanyl

Secretary of State Antony Blinken called on **China** to curb the flow of
fentanyl precursors to Mexico, [officials said](https://example.org/story).

![blinken](blinken.jpg)

## Pressure from Washington

The United States has pressed the issue for months.
"""

#: A saved news page: navigation, an advert, a figure with its caption, a share bar, a comment
#: section, related links and a footer around one article.
HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mexico seizes fentanyl precursors | The Daily Example</title>
<meta property="og:title" content="Mexico seizes fentanyl precursors at Manzanillo port">
<meta property="article:published_time" content="2023-11-15T08:30:00Z">
<meta name="author" content="Jane Roe">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="ad">Distressed Flag T-Shirt $11.29 USD <a href="/shop">Get it here&gt;&gt;</a></div>
<main><article>
<h1>Mexico seizes fentanyl precursors at Manzanillo port</h1>
<p>Mexican authorities seized more than two tonnes of fentanyl precursor chemicals at the port of Manzanillo on Tuesday, the navy said in a statement.</p>
<figure><img src="/img/port-123456789.jpg" alt="port of manzanillo"><figcaption>Containers at the port of Manzanillo in Colima state. (Hector Guerrero/AFP via Getty Images)</figcaption></figure>
<p>The shipment had arrived from Shanghai and was declared as industrial solvents, according to the navy. Officials said the chemicals could have produced millions of doses.</p>
<h2>Pressure from Washington</h2>
<p>The seizure comes as the United States presses Mexico and China to curb the flow of chemicals used by cartels to make the drug.</p>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
</article></main>
<section id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p><form><textarea></textarea><button>Post Comment</button></form></section>
<aside><h3>You may like</h3><ul><li><a href="/a">Another story about something else entirely</a></li></ul></aside>
<footer><p>© 2023 The Daily Example. All rights reserved.</p></footer>
</body></html>
"""

#: A blog front page with two posts, each in its own <article>.
HTML_TWO_POSTS = """<!DOCTYPE html>
<html><head><title>China news – Example Blog</title></head><body>
<nav><a href="/">Home</a> <a href="/china">China</a></nav>
<article><header><span class="cat">China</span><h2><a href="/p1">Blinken urges China to act on fentanyl</a></h2><time datetime="2023-07-07">July 7, 2023</time></header>
<p>Secretary of State Antony Blinken called on China to cooperate on curbing the flow of fentanyl precursors to Mexico during a meeting in Beijing on Friday.</p>
<p>He said the United States would keep pressing the issue with Chinese officials in the months ahead.</p>
<footer><a href="/p1#comments">Click to comment</a></footer></article>
<article><header><h2><a href="/p2">Biden to lift sanctions on Chinese ministry</a></h2><time datetime="2023-11-15T10:00:00">Nov 15, 2023</time></header>
<p>President Joe Biden is expected to lift sanctions on a Chinese government ministry in exchange for new anti-drug measures, Bloomberg reported on Wednesday.</p>
<p>The deal would be at least the third time that China has promised to get tough on fentanyl.</p>
</article>
<footer>© Example Blog</footer></body></html>
"""


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", NEWS)
    return buffer.getvalue()


#: Binary files as they turn up renamed among articles, by their real leading bytes.
BINARIES = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00", "PNG image"),
    "zip": (zip_bytes(), "ZIP archive"),
    "nul": (b"text with a NUL\x00 byte in it", "NUL bytes"),
}


def gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
