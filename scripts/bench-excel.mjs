// npm run bench:excel — syncs and request/response sizes of reading, marking and writing 10, 100 and
// 300 return sheets against the fake Excel (test/excel/fakeExcel.ts). Prints figures; asserts nothing.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false } });
try {
  const { FakeExcel, sheetFrom } = await server.ssrLoadModule('/test/excel/fakeExcel.ts');
  const { createExcelAdapter } = await server.ssrLoadModule('/src/excel/excelAdapter.ts');

  const returnSheet = (name, n) =>
    sheetFrom(name, [
      ['社区创卫工作月报表', null, null, null, null],
      ['社区名称', name, null, '所属街道', '城关街道'],
      ['报告期', '2026年10月', null, '填报人', '张三'],
      ['序号', '指标', '单位', '本月数', '备注'],
      ...Array.from({ length: 29 }, (_, i) => [i + 1, `指标${i + 1}`, '次', (n * 7 + i) % 97, null]),
    ]);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const rows = [];
  for (const n of [10, 100, 300]) {
    const fake = new FakeExcel({ name: 'bench.xlsx', sheets: Array.from({ length: n }, (_, i) => returnSheet(`社区${i + 1}`, i)), active: '社区1', selection: null });
    const adapter = createExcelAdapter({ run: (cb) => fake.run(cb), isSetSupported: (a, v) => fake.isSetSupported(a, v) });
    const measure = async (what, fn) => {
      fake.resetCounters();
      const t = performance.now();
      await fn();
      rows.push({
        sheets: n, operation: what, syncs: fake.syncs.length,
        'max request': kb(Math.max(...fake.syncs.map((s) => s.bytes))),
        'max response': kb(Math.max(...fake.syncs.map((s) => s.responseBytes))),
        'ms (fake)': Math.round(performance.now() - t),
      });
    };
    const book = { v: null };
    await measure('readAllSheets', async () => void (book.v = await adapter.readAllSheets()));
    const marks = book.v.sheets.flatMap((s) => [{ sheet: s.name, cell: 'D5', severity: 'error', message: '示例错误' }, { sheet: s.name, cell: 'D9', severity: 'warning', message: '示例警告' }]);
    await measure('markFindings (2/sheet)', () => adapter.markFindings(marks));
    await measure('clearMarks', () => adapter.clearMarks());
    const table = {
      sheet: '汇总', tableName: 'CR_Summary',
      columns: [{ header: '社区' }, ...Array.from({ length: 29 }, (_, i) => ({ header: `指标${i + 1}`, numFmt: '#,##0' }))],
      rows: book.v.sheets.map((s) => [s.name, ...Array.from({ length: 29 }, (_, i) => i)]),
      kinds: book.v.sheets.map(() => 'return'),
    };
    await measure('writeOutputSheets', () => adapter.writeOutputSheets([table]));
  }
  console.table(rows);
} finally {
  await server.close();
}
