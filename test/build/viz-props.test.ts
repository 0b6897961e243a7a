/** Visualisations in explainer pages: a typo in a component's props fails the build with a plain message. */
import { describe, expect, it } from 'vitest';
import { buildDossierAsync } from '../helpers/build.ts';
import { makeDossier } from '../helpers/dossier.ts';

describe('visualisation props in an .mdx page', () => {
  it('an unknown actor id stops the build, naming the component, the prop and the closest id', async () => {
    const dir = makeDossier({
      'pages/explainer.mdx': '---\ntitle: Explainer\n---\nText.\n\n<RelationGraph focus="grup-a" />\n',
    });
    // Without blocking the test worker: a whole build can outlast its heartbeat on a busy machine.
    const r = await buildDossierAsync('viz-bad-props', dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('<RelationGraph focus>: there is no actor "grup-a". Did you mean "group-a"?');
  }, 300_000);
});
