import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// In development the gateway (http://localhost:8080) serves the APIs and the WebSocket; Vite
// proxies to it so the app talks to the same origin as in production.
const gateway = process.env.CHAT_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: true },
      '/socket.io': { target: gateway, ws: true, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['test/**/*.test.js'],
    environment: 'node',
  },
});
