import { checkBodyMarkup } from '/work/wt/security/src/pipeline/body-check.ts';
import { createMarkdownProcessor } from '/work/wt/security/node_modules/@astrojs/markdown-remark/dist/index.js';
for (const body of ['>'.repeat(20000) + ' x <b>', Array.from({length: 3000}, (_, i) => '  '.repeat(i) + '- x').join('\n') + '\n<b>', '*'.repeat(50000) + 'x<b>' + '*'.repeat(50000), '['.repeat(50000)+'<b>']) {
  let t = performance.now();
  try { console.log(JSON.stringify(checkBodyMarkup(body, { mdx: false, firstLine: 1, components: [] })).slice(0, 200)); } catch (e) { console.log('threw', String(e).slice(0,200)); }
  console.log('ms', performance.now() - t);
  const p = await createMarkdownProcessor({ syntaxHighlight: false });
  t = performance.now();
  try { const r = await p.render(body); console.log('rendered', r.code.length); } catch (e) { console.log('render threw', String(e).slice(0, 200)); }
  console.log('ms', performance.now() - t);
}
