import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import './style.css';
import MakemorePlayground from './components/MakemorePlayground.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('MakemorePlayground', MakemorePlayground);
  },
} satisfies Theme;
