/**
 * What a database holds, read from PostgreSQL's own catalog rather than from our schema files: every
 * table of the `public` schema (whoever added it), its columns with their exact types, the foreign
 * keys between tables (for the order of a load) and the sequences behind serial columns. The copy in
 * this folder is generic over it, so tables added later travel in backups and moves unchanged.
 */

/** Runs one statement inside the caller's transaction (both engines: text in, rows out). */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface TableInfo {
  name: string;
  /** Copied columns, in table order (generated columns are left to the target to compute). */
  columns: { name: string; type: string }[];
  /** Primary key columns (empty: none), the order rows are read and loaded in. */
  key: string[];
}

export interface Catalog {
  /** Tables in dependency order: a table comes after every table it references. */
  tables: TableInfo[];
  sequences: string[];
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function readCatalog(q: Query): Promise<Catalog> {
  const tables = await q<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  );
  const columns = await q<{ table: string; name: string; type: string }>(
    `select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by c.relname, a.attnum`,
  );
  const keys = await q<{ table: string; name: string }>(
    `select c.relname as "table", a.attname as name
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
      where n.nspname = 'public' and i.indisprimary
      order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const references = await q<{ child: string; parent: string }>(
    `select c1.relname as child, c2.relname as parent
       from pg_constraint k join pg_class c1 on c1.oid = k.conrelid join pg_class c2 on c2.oid = k.confrelid
       join pg_namespace n on n.oid = c1.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`,
  );
  const sequences = await q<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );

  const infos = new Map<string, TableInfo>(tables.map((t) => [t.name, { name: t.name, columns: [], key: [] }]));
  for (const c of columns) infos.get(c.table)?.columns.push({ name: c.name, type: c.type });
  for (const k of keys) infos.get(k.table)?.key.push(k.name);
  return { tables: dependencyOrder([...infos.values()], references), sequences: sequences.map((s) => s.name) };
}

/** Parents before children; a table referencing itself is fine (rows load in key order). */
function dependencyOrder(tables: TableInfo[], references: { child: string; parent: string }[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map<string, Set<string>>();
  for (const r of references) if (r.child !== r.parent) (parents.get(r.child) ?? parents.set(r.child, new Set()).get(r.child)!).add(r.parent);
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`tables reference each other in a cycle (${[...path, name].join(' → ')}); the copy cannot order them`);
    state.set(name, 'visiting');
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent, [...path, name]);
    state.set(name, 'done');
    const table = byName.get(name);
    if (table) ordered.push(table);
  };
  for (const t of tables) visit(t.name, []);
  return ordered;
}
