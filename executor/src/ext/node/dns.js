//# allFunctionsCalledOnLoad
// `dns` and `dns/promises`, as workerd has them: queries go to Cloudflare's DNS-over-HTTPS
// resolver through the run's `fetch` and outbound policy (`internal/dns`), so they answer only
// when the run may reach `cloudflare-dns.com`. `dns` takes callbacks, `dns/promises` returns
// promises; `lookupService`, `resolveAny`, `setServers` and a Resolver's `cancel` and
// `setLocalAddress` throw "Not implemented", as workerd's do.
(function (globalThis, host, internals, primordials, name) {
  'use strict';

  const { ArrayPrototypeSort, Error, FunctionPrototypeBind, ObjectDefineProperty, ObjectKeys, ReflectApply } = primordials;
  const dns = internals.nodeModule('internal/dns');
  const { callbackify } = internals.nodeModule('util');

  // The error codes and flags, after the functions of the module's value, as workerd has them
  // (`dns` in the order of their names).
  function withCodes(value, sorted) {
    const keys = ObjectKeys(dns.codes);
    if (sorted) ArrayPrototypeSort(keys);
    for (let index = 0; index < keys.length; index++) {
      ObjectDefineProperty(value, keys[index], {
        __proto__: null, value: dns.codes[keys[index]], writable: true, enumerable: true, configurable: true,
      });
    }
    return value;
  }

  const notImplemented = () => {
    throw new Error('Not implemented');
  };

  if (name === 'dns/promises') {
    class Resolver {
      cancel() { notImplemented(); }
      setLocalAddress() { notImplemented(); }
      getServers() { return dns.getServers(); }
      resolve(name, rrtype) { return dns.resolve(name, rrtype); }
      resolve4(input, options) { return dns.resolve4(input, options); }
      resolve6(input, options) { return dns.resolve6(input, options); }
      resolveAny() { return dns.resolveAny(); }
      resolveCaa(name) { return dns.resolveCaa(name); }
      resolveCname(name) { return dns.resolveCname(name); }
      resolveMx(name) { return dns.resolveMx(name); }
      resolveNaptr(name) { return dns.resolveNaptr(name); }
      resolveNs(name) { return dns.resolveNs(name); }
      resolvePtr(name) { return dns.resolvePtr(name); }
      resolveSoa(name) { return dns.resolveSoa(name); }
      resolveSrv(name) { return dns.resolveSrv(name); }
      resolveTxt(name) { return dns.resolveTxt(name); }
      reverse(name) { return dns.reverse(name); }
      setServers() { dns.setServers(); }
    }

    function lookup(hostname, options) {
      return dns.lookupPromise(hostname, options);
    }

    return withCodes({
      reverse: dns.reverse,
      resolveTxt: dns.resolveTxt,
      resolveCaa: dns.resolveCaa,
      resolveMx: dns.resolveMx,
      resolveCname: dns.resolveCname,
      resolveNs: dns.resolveNs,
      resolvePtr: dns.resolvePtr,
      resolveSrv: dns.resolveSrv,
      resolveSoa: dns.resolveSoa,
      resolveNaptr: dns.resolveNaptr,
      resolve4: dns.resolve4,
      resolve6: dns.resolve6,
      getServers: dns.getServers,
      setServers: dns.setServers,
      getDefaultResultOrder: dns.getDefaultResultOrder,
      setDefaultResultOrder: dns.setDefaultResultOrder,
      lookup,
      lookupService: dns.lookupService,
      resolve: dns.resolve,
      resolveAny: dns.resolveAny,
      Resolver,
    }, false);
  }

  // The callback forms, named as workerd's (`bound resolve4Callbackified`).
  const callbacks = (fn) => callbackify(FunctionPrototypeBind(fn, undefined));
  const reverse = callbacks(dns.reverse);
  const resolveTxt = callbacks(dns.resolveTxt);
  const resolveCaa = callbacks(dns.resolveCaa);
  const resolveMx = callbacks(dns.resolveMx);
  const resolveCname = callbacks(dns.resolveCname);
  const resolveNs = callbacks(dns.resolveNs);
  const resolvePtr = callbacks(dns.resolvePtr);
  const resolveSrv = callbacks(dns.resolveSrv);
  const resolveSoa = callbacks(dns.resolveSoa);
  const resolveNaptr = callbacks(dns.resolveNaptr);
  const resolve4 = callbacks(dns.resolve4);
  const resolve6 = callbacks(dns.resolve6);
  const getServers = FunctionPrototypeBind(dns.getServers, undefined);
  const setServers = FunctionPrototypeBind(dns.setServers, undefined);
  const getDefaultResultOrder = FunctionPrototypeBind(dns.getDefaultResultOrder, undefined);
  const setDefaultResultOrder = FunctionPrototypeBind(dns.setDefaultResultOrder, undefined);
  const lookup = FunctionPrototypeBind(dns.lookup, undefined);
  const lookupService = callbacks(dns.lookupService);
  const resolve = callbacks(dns.resolve);
  const resolveAny = callbacks(dns.resolveAny);

  class Resolver {
    cancel() { notImplemented(); }
    setLocalAddress() { notImplemented(); }
    getServers(...args) { return ReflectApply(getServers, undefined, args); }
    resolve(...args) { ReflectApply(resolve, undefined, args); }
    resolve4(...args) { ReflectApply(resolve4, undefined, args); }
    resolve6(...args) { ReflectApply(resolve6, undefined, args); }
    resolveAny(...args) { ReflectApply(resolveAny, undefined, args); }
    resolveCaa(...args) { ReflectApply(resolveCaa, undefined, args); }
    resolveCname(...args) { ReflectApply(resolveCname, undefined, args); }
    resolveMx(...args) { ReflectApply(resolveMx, undefined, args); }
    resolveNaptr(...args) { ReflectApply(resolveNaptr, undefined, args); }
    resolveNs(...args) { ReflectApply(resolveNs, undefined, args); }
    resolvePtr(...args) { ReflectApply(resolvePtr, undefined, args); }
    resolveSoa(...args) { ReflectApply(resolveSoa, undefined, args); }
    resolveSrv(...args) { ReflectApply(resolveSrv, undefined, args); }
    resolveTxt(...args) { ReflectApply(resolveTxt, undefined, args); }
    reverse(...args) { ReflectApply(reverse, undefined, args); }
    setServers(...args) { ReflectApply(setServers, undefined, args); }
  }

  return withCodes({
    getServers,
    lookup,
    lookupService,
    resolve,
    resolve4,
    resolve6,
    resolveAny,
    resolveCname,
    resolveCaa,
    resolveMx,
    resolveNaptr,
    resolveNs,
    resolvePtr,
    resolveSoa,
    resolveSrv,
    resolveTxt,
    reverse,
    setDefaultResultOrder,
    getDefaultResultOrder,
    setServers,
    Resolver,
    promises: internals.nodeModule('dns/promises'),
  }, true);
});
