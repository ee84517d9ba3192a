// The theme imports its stylesheet for Vite to bundle.
declare module '*.css';

// Single-file components, which Vite compiles; tsc sees each as a component of unknown props (vue-tsc,
// the package's typecheck script, reads the files themselves).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
