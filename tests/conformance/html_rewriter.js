// HTMLRewriter (lol-html in workerd and in sandbox): element, comment, text, doctype and
// document-end handlers, the content objects' reads and mutations, end tags, and the
// transformed Response.
export default {
  async run() {
    const rewrite = (rewriter, html, init) => rewriter.transform(new Response(html, init)).text();
    const result = {};
    const seen = [];
    result.elements = await rewrite(new HTMLRewriter()
      .on('a[href]', {
        element(el) {
          seen.push([el.tagName, [...el.attributes], el.getAttribute('href'), el.getAttribute('missing'),
            el.hasAttribute('class'), el.namespaceURI, el.removed]);
          el.setAttribute('href', el.getAttribute('href').replace('http:', 'https:'));
          el.removeAttribute('class');
          el.prepend('<b>', { html: true }).append('</b>', { html: true });
          el.before('<before>').after('<after>', { html: false });
        },
      })
      .on('span.gone', { element(el) { el.remove(); seen.push(el.removed); } })
      .on('span.unwrap', { element(el) { el.removeAndKeepContent(); } })
      .on('section', { element(el) { el.tagName = 'article'; el.setInnerContent('<i>new</i>', { html: true }); } })
      .on('em', { element(el) { el.replace('<strong>replaced</strong>', { html: true }); } })
      .on('svg', { element(el) { seen.push(el.namespaceURI); } })
      .on('div#end', {
        element(el) {
          el.onEndTag((end) => {
            seen.push(end.name);
            end.before('!', { html: false });
            end.after('<hr>', { html: true });
            end.name = 'DIV';
          });
        },
      }),
      '<a href="http://example.com/" class="x" data-n=1>link</a><span class="gone">x<b>y</b></span>' +
      '<span class="unwrap">kept</span><section><p>old</p></section><em>e</em><svg><rect/></svg>' +
      '<div id="end">text</div>');
    result.seen = seen;
    const comments = [];
    const texts = [];
    result.document = await rewrite(new HTMLRewriter()
      .onDocument({
        doctype(doctype) { comments.push([doctype.name, doctype.publicId, doctype.systemId]); },
        comments(comment) {
          comments.push([comment.text, comment.removed]);
          if (comment.text.includes('drop')) comment.remove();
          else if (comment.text.includes('swap')) comment.replace('<i>swapped</i>', { html: true });
          else comment.text = comment.text.toUpperCase();
        },
        end(end) { end.append('<footer>end</footer>', { html: true }).append('<&>'); },
      })
      .on('p', {
        text(text) {
          texts.push([text.text, text.lastInTextNode, text.removed]);
          if (text.text.includes('hide')) text.remove();
          else if (text.text.length > 0) text.replace(text.text.toUpperCase());
        },
        comments(comment) { comment.before('[', { html: false }).after(']'); },
      }),
      '<!DOCTYPE html><!-- keep --><!-- drop --><!-- swap --><p>one<!-- in -->two</p><p>hide me</p>');
    result.comments = comments;
    result.texts = texts;
    result.response = await (async () => {
      const original = new Response('<p>x</p>', { status: 201, statusText: 'Made', headers: { 'x-a': 'b', 'content-type': 'text/html; charset=utf-8' } });
      const transformed = new HTMLRewriter().transform(original);
      return [transformed.status, transformed.statusText, transformed.headers.get('x-a'), original.bodyUsed,
        transformed === original, await transformed.text(), original.bodyUsed];
    })();
    result.nullBody = (() => { const response = new Response(null); return new HTMLRewriter().transform(response) === response; })();
    result.latin1 = await (async () => {
      const bytes = new Uint8Array([60, 112, 62, 0xe9, 60, 47, 112, 62]);
      let text;
      const out = await new HTMLRewriter().on('p', { text(t) { if (t.text) text = t.text; } })
        .transform(new Response(bytes, { headers: { 'content-type': 'text/html; charset=windows-1252' } })).arrayBuffer();
      return [text, [...new Uint8Array(out)]];
    })();
    result.global = [typeof HTMLRewriter, String(new HTMLRewriter()), Object.getOwnPropertyNames(HTMLRewriter.prototype).sort(),
      typeof Element, typeof Comment, typeof Text];
    return result;
  },
};
