/**
 * Components an explainer page (.mdx) can use without importing them: pages pass
 * this map to <Content components={contentComponents} />.
 */
import Timeline from './Timeline.astro';
import PlaceMap from './PlaceMap.astro';
import RelationGraph from './RelationGraph.astro';

export const contentComponents = { Timeline, PlaceMap, RelationGraph };
