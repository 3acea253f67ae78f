// Vite settings of the console: relative asset URLs, so the built folder
// works wherever it is served from. The idpool package needs no plugin: its
// web build loads the .wasm with `new URL('idpool_wasm_bg.wasm',
// import.meta.url)`, which Vite turns into an emitted asset.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { target: 'es2022' },
});
