#!/usr/bin/env python3
"""Renders a generated page (INDEX.md) to a plain HTML file for docs/index-page.png:
   touchbase --vault v --today 2026-11-26 index && python3 scripts/page_to_html.py v/INDEX.md > index.html
   chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
       --screenshot=docs/index-page.png --window-size=1000,1200 file://$PWD/index.html
Only the markdown touchbase writes on that page: headings, tables, links, code, emphasis."""
import re, sys, html
def inline(s):
    s = html.escape(s, quote=False)
    s = re.sub(r'`([^`]+)`', r'<code>\1</code>', s)
    s = re.sub(r'\[([^\]]+)\]\(([^)]+)\)', r'<a href="\2">\1</a>', s)
    s = re.sub(r'\*\*([^*]+)\*\*', r'<strong>\1</strong>', s)
    s = re.sub(r'(?<![\w])_([^_]+)_(?![\w])', r'<em>\1</em>', s)
    return s
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = []; i = 0
while i < len(lines):
    l = lines[i]
    if l.startswith('#'):
        n = len(l) - len(l.lstrip('#')); out.append(f'<h{n}>{inline(l[n:].strip())}</h{n}>')
    elif l.startswith('|'):
        rows = []
        while i < len(lines) and lines[i].startswith('|'):
            rows.append([c.strip() for c in lines[i].strip().strip('|').split('|')]); i += 1
        aligns = ['right' if c.endswith(':') else 'left' for c in rows[1]]
        t = ['<table><thead><tr>'] + [f'<th style="text-align:{a}">{inline(c)}</th>' for c, a in zip(rows[0], aligns)] + ['</tr></thead><tbody>']
        for r in rows[2:]:
            t.append('<tr>' + ''.join(f'<td style="text-align:{a}">{inline(c)}</td>' for c, a in zip(r, aligns)) + '</tr>')
        out.append(''.join(t) + '</tbody></table>'); continue
    elif l.strip() == '---':
        out.append('<hr>')
    elif l.strip():
        out.append(f'<p>{inline(l)}</p>')
    i += 1
css = """body{font-family:-apple-system,'Segoe UI','Noto Sans','DejaVu Sans',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;max-width:960px;margin:16px auto;padding:0 20px}
h1{font-size:2em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em}h2{font-size:1.5em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em;margin-top:24px}
table{border-collapse:collapse;margin:8px 0 16px;display:block;overflow:auto}th,td{border:1px solid #d1d9e0;padding:5px 11px}th{font-weight:600}tr:nth-child(2n){background:#f6f8fa}
a{color:#0969da;text-decoration:none}code{background:#eff1f3;padding:.2em .4em;border-radius:6px;font-size:85%;font-family:ui-monospace,'DejaVu Sans Mono',monospace}em{color:#59636e}hr{border:0;border-top:2px solid #d1d9e0}"""
print(f'<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head><body>' + '\n'.join(out) + '</body></html>')
