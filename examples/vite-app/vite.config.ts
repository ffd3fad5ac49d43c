import { defineConfig } from "vite";

// nothing special: the SDK is a normal ESM dependency with preact as its own dependency
export default defineConfig({ build: { target: "es2022" } });
