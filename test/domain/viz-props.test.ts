import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalValue, VIZ_PROPS, vizPropProblems, type IdLookup } from '../../src/domain/viz-props.ts';
import { parseBody } from '../../src/pipeline/body-check.ts';

const ENTRIES: Record<string, string[]> = {
  actors: ['kataib-hezbollah', 'islamic-state'],
  places: ['al-bukamal', 'al-qaim'],
  events: ['kh-announcement', 'capture-of-al-qaim'],
};
const ids: IdLookup = {
  get: (collection, id) => ENTRIES[collection]?.includes(id) || undefined,
  suggest: (id, collection) => ENTRIES[collection!]?.find((e) => e.startsWith(id.slice(0, 4))),
};

function problems(mdx: string): string[] {
  const parsed = parseBody(mdx, true);
  if (!parsed.ok) throw new Error(parsed.message);
  return vizPropProblems(parsed.tree, ids).map((p) => p.message);
}

describe('visualisation props in .mdx (npm run check)', () => {
  it.each([
    ['<Timeline />'],
    ['<Timeline events={["kh-announcement", "capture-of-al-qaim"]} from="2017-10" to="2017-11-30" title="November" />'],
    ['<Timeline actor="kataib-hezbollah" place="al-qaim" />'],
    ['<PlaceMap places={["al-bukamal"]} focus="al-qaim" height={320} />'],
    ['<PlaceMap height="320" />'],
    ['<RelationGraph focus="islamic-state" depth={2} />'],
    ['<RelationGraph depth="4" />'],
    ['<PlaceMap height={150} />'],
    ['<PlaceMap height="2000" />'],
    ['Text with <RelationGraph focus="islamic-state" /> inline.'],
  ])('accepts %s', (mdx) => {
    expect(problems(mdx)).toEqual([]);
  });

  it.each([
    ['<RelationGraph focus="kataib-hez" />', '<RelationGraph focus>: there is no actor "kataib-hez". Did you mean "kataib-hezbollah"?'],
    ['<RelationGraph focus="zzz" />', '<RelationGraph focus>: there is no actor "zzz" (check the file names in actors/)'],
    ['<Timeline events={["kh-announcement", "kh-announcment"]} />', '<Timeline events>: there is no event "kh-announcment". Did you mean "kh-announcement"?'],
    ['<Timeline place="kataib-hezbollah" />', '<Timeline place>: there is no place "kataib-hezbollah" (check the file names in places/)'],
    ['<Timeline actors="kataib-hezbollah" />', '<Timeline> has no prop "actors". Did you mean "actor"? (its props: events, from, to, title, actor, place)'],
    ['<PlaceMap zoom={3} />', '<PlaceMap> has no prop "zoom". (its props: places, focus, title, height)'],
    ['<Timeline from="Nov 2017" />', '<Timeline from>: '],
    ['<Timeline from="2017-11" to="2017-10" />', '<Timeline to>: "2017-10" must come after from="2017-11"'],
    ['<Timeline events="kh-announcement" />', '<Timeline events>: write a list of event ids, e.g. events={["first-id", "second-id"]}'],
    ['<PlaceMap focus={["al-qaim"]} />', '<PlaceMap focus>: write one place id in quotes, e.g. focus="some-id"'],
    ['<RelationGraph depth="two" />', '<RelationGraph depth>: "two" is not a number: write e.g. depth={2}'],
    ['<Timeline title={3} />', '<Timeline title>: write text in quotes, e.g. title="…"'],
    ['<PlaceMap height={1e308} />', '<PlaceMap height>: must be a number from 150 to 2000'],
    ['<PlaceMap height="1e999" />', '<PlaceMap height>: must be a number from 150 to 2000'],
    ['<PlaceMap height={-5} />', '<PlaceMap height>: must be a number from 150 to 2000'],
    ['<PlaceMap height={100} />', '<PlaceMap height>: must be a number from 150 to 2000'],
    ['<RelationGraph depth={0} />', '<RelationGraph depth>: must be a whole number from 1 to 4'],
    ['<RelationGraph depth={1.5} />', '<RelationGraph depth>: must be a whole number from 1 to 4'],
    ['<RelationGraph depth={99} />', '<RelationGraph depth>: must be a whole number from 1 to 4'],
  ])('refuses %s', (mdx, message) => {
    const found = problems(mdx);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('reads plain literals as the component receives them', () => {
    const parsed = parseBody('<Timeline events={["a", `b`]} title={-2} />', true);
    if (!parsed.ok) throw new Error(parsed.message);
    const element = parsed.tree.children![0];
    const values = element.attributes!.map((a) => literalValue((a.value as { data: { estree: { body: { expression: never }[] } } }).data.estree.body[0].expression));
    expect(values).toEqual([['a', 'b'], -2]);
  });

  it('names exactly the props the components declare', () => {
    for (const [component, spec] of Object.entries(VIZ_PROPS)) {
      const source = readFileSync(path.resolve(import.meta.dirname, `../../src/components/viz/${component}.astro`), 'utf8');
      const declared = /interface Props \{([^}]*)\}/.exec(source)![1].split(';').map((p) => p.trim().split(/\??:/)[0]).filter(Boolean);
      expect(Object.keys(spec).sort(), component).toEqual(declared.sort());
    }
  });
});
