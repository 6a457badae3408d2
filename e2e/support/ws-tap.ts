// Page-side code for page.addInitScript, as a string (tsx would wrap named inner functions in a
// helper the page lacks): hands the data of every message the page's WebSockets receive to
// `listener` (source text of a function of one argument, evaluated where the snippet is inlined,
// so it may use the surrounding script's variables) before the page's own handler runs.
export function wsMessageTap(listener: string): string {
  return `(() => {
    const listener = ${listener};
    const native = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
      configurable: true,
      get() { return native.get.call(this); },
      set(handler) {
        if (typeof handler !== 'function') return native.set.call(this, handler);
        native.set.call(this, (e) => {
          listener(e.data);
          return handler.call(e.currentTarget, e);
        });
      },
    });
  })();`;
}
