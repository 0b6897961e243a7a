/** /data/<collection>.csv, /data/relations.csv and /data/readings.csv: the dossier as spreadsheets. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getDossier } from '../../data/dossier.ts';
import { CSV_FILES, csvColumns, csvRows, toCsv } from '../../domain/export.ts';

export const getStaticPaths = (() => CSV_FILES.map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const dossier = await getDossier();
  const name = params.name as (typeof CSV_FILES)[number];
  return new Response(toCsv(csvRows(name, dossier.exported()), csvColumns(name)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
