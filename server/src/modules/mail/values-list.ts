/**
 * A `values ($1::uuid, $2::text), ($3::uuid, $4::text)` list of rows as parameters, for inserting
 * many rows in one statement when some columns are large texts: each value travels as it is,
 * where `unnest` of arrays would have it escaped into an array literal and parsed back.
 */
export function valuesList(rows: unknown[][], types: string[], firstParam = 1) {
  const params: unknown[] = [];
  const lines: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (let c = 0; c < types.length; c++) {
      params.push(row[c]);
      cells.push(`$${firstParam + params.length - 1}::${types[c]}`);
    }
    lines.push(`(${cells.join(', ')})`);
  }
  return { sql: `values ${lines.join(', ')}`, params };
}
