// HTMLRewriter with handlers that return promises (the rewriter waits for each), content
// objects used after their handler, handlers that throw or reject, and the errors of bad
// selectors, handlers, responses and charsets.
export default {
  async run() {
    const failure = (error) => `${error.name}: ${error.message}`;
    const attempt = async (make) => { try { return await make(); } catch (error) { return failure(error); } };
    const later = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 1));
    const result = {};
    const order = [];
    result.async = await new HTMLRewriter()
      .on('li', {
        async element(el) {
          order.push(`start ${el.getAttribute('n')}`);
          const value = await later(el.getAttribute('n') * 10);
          el.setAttribute('n', String(value));
          el.onEndTag(async (end) => { await later(); end.before(`(${value})`); order.push(`end ${value}`); });
          order.push(`done ${el.getAttribute('n')}`);
        },
        async text(text) { if (text.text) { await later(); text.after('!'); } },
      })
      .onDocument({ async end(end) { await later(); end.append('<!--done-->', { html: true }); } })
      .transform(new Response('<ul><li n=1>a</li><li n=2>b</li><li n=3>c</li></ul>')).text();
    result.order = order;
    result.thisArg = await (async () => {
      class Counter {
        count = 0;
        element() { this.count++; }
      }
      const counter = new Counter();
      await new HTMLRewriter().on('p', counter).transform(new Response('<p>1</p><p>2</p>')).text();
      return counter.count;
    })();
    result.stale = await attempt(async () => {
      let saved;
      await new HTMLRewriter().on('p', { element(el) { saved = el; } }).transform(new Response('<p>x</p>')).text();
      return saved.tagName;
    });
    result.staleAfterAwait = await attempt(async () => {
      let saved;
      let settled;
      await new HTMLRewriter().on('p', {
        element(el) { saved = el; settled = later().then(() => attempt(() => el.getAttribute('x'))); },
      }).transform(new Response('<p x=1>x</p>')).text();
      return [await settled, await attempt(() => saved.before('x'))];
    });
    result.staleText = await attempt(async () => {
      let saved;
      await new HTMLRewriter().onDocument({ text(text) { saved ??= text; } }).transform(new Response('abc')).text();
      return saved.text;
    });
    result.throws = await attempt(() => new HTMLRewriter().on('p', { element() { throw new RangeError('boom'); } })
      .transform(new Response('<p>x</p>')).text());
    result.rejects = await attempt(() => new HTMLRewriter().on('p', { async element() { await later(); throw new SyntaxError('later'); } })
      .transform(new Response('<p>x</p>')).text());
    result.badSelectors = [];
    for (const selector of ['p:hover', '', 'a[', 'div >']) {
      result.badSelectors.push(await attempt(() => new HTMLRewriter().on(selector, {})));
    }
    result.goodSelectors = await attempt(() => new HTMLRewriter()
      .on('div > p.a#b[c="d"]:not(.e):nth-child(2n+1)', {}).on('*', {}).on('a[href^="http"]', {}) instanceof HTMLRewriter);
    result.badHandler = await attempt(() => new HTMLRewriter().on('p', { element: 3 }));
    result.badHandlers = await attempt(() => new HTMLRewriter().on('p', 3));
    result.badDocumentHandler = await attempt(() => new HTMLRewriter().onDocument({ end: 'x' }));
    result.badTransform = await attempt(() => new HTMLRewriter().transform({}));
    result.utf16 = await attempt(() => new HTMLRewriter().transform(new Response('x', { headers: { 'content-type': 'text/html; charset=utf-16' } })));
    result.unknownCharset = await attempt(() => new HTMLRewriter().transform(new Response('x', { headers: { 'content-type': 'text/html; charset=bogus' } })));
    result.voidEndTag = await attempt(async () => {
      let message;
      await new HTMLRewriter().on('br', { element(el) { try { el.onEndTag(() => {}); } catch (error) { message = failure(error); } } })
        .transform(new Response('<br>')).text();
      return message;
    });
    result.badTagName = await attempt(async () => {
      let message;
      await new HTMLRewriter().on('p', { element(el) { try { el.tagName = 'a b'; } catch (error) { message = failure(error); } } })
        .transform(new Response('<p>x</p>')).text();
      return message;
    });
    result.streamContent = await attempt(async () => {
      let message = 'accepted';
      const output = await new HTMLRewriter().on('p', { element(el) { try { el.append(new Response('<i>y</i>')); } catch (error) { message = failure(error); } } })
        .transform(new Response('<p>x</p>')).text();
      return [message, output];
    });
    result.streamContentOrder = await attempt(() => new HTMLRewriter().on('p', {
      element(el) {
        const stream = new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode('<b>s</b>')); controller.close(); } });
        el.append('1').append(stream, { html: true }).append('<2>').before(new Response(null));
      },
    }).transform(new Response('<p>x</p>')).text());
    result.bodyUsed = await attempt(async () => {
      const response = new Response('<p>x</p>');
      await response.text();
      return new HTMLRewriter().transform(response).text();
    });
    return result;
  },
};
