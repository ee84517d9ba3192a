// The theme imports its stylesheet for Vite to bundle.
declare module '*.css';
