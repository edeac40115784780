// Starts the app. An external module (not trunk's inline script), so the console runs under a
// strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). trunk passes the
// hashed file names as data attributes of the script tag that loads this file.
const tag = document.querySelector("script[data-app-js]");
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });
