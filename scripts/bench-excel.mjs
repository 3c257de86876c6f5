// npm run bench:excel — syncs and request/response sizes of reading, marking and writing 10, 100 and
// 300 return sheets against the fake Excel (test/excel/fakeExcel.ts), and of the two buttons that matter:
// 校验 (read + mark) and 汇总 (read + write); then 4,000 marks and one 3,000 × 20 text sheet. Request
// sizes are the fake's estimate of what Office.js sends (about 1.2 KB per object and action plus the
// arguments); Excel on the web refuses a request or response over 5 MB. Prints figures; asserts nothing.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false } });
try {
  const { FakeExcel, sheetFrom } = await server.ssrLoadModule('/test/excel/fakeExcel.ts');
  const { createExcelAdapter } = await server.ssrLoadModule('/src/excel/excelAdapter.ts');

  const INDICATORS = 29;
  const returnSheet = (name, n) =>
    sheetFrom(name, [
      ['社区创卫工作月报表', null, null, null, null],
      ['社区名称', name, null, '所属街道', '城关街道'],
      ['报告期', '2026年10月', null, '填报人', '张三'],
      ['序号', '指标', '单位', '本月数', '备注'],
      ...Array.from({ length: INDICATORS }, (_, i) => [i + 1, `指标${i + 1}`, '次', (n * 7 + i) % 97, null]),
    ]);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const rows = [];
  const measureOn = async (fake, n, what, fn) => {
    fake.resetCounters();
    const cpu = process.cpuUsage();
    const out = await fn();
    const used = process.cpuUsage(cpu);
    const ok = fake.syncs.filter((s) => !s.failed);
    rows.push({
      sheets: n, operation: what, syncs: fake.syncs.length,
      refused: fake.syncs.length - ok.length,
      'max request': kb(Math.max(...fake.syncs.map((s) => s.bytes))),
      'total request': kb(fake.syncs.reduce((t, s) => t + s.bytes, 0)),
      'max response': kb(Math.max(0, ...ok.map((s) => s.responseBytes))),
      'cpu ms (fake)': Math.round((used.user + used.system) / 1000),
    });
    return out;
  };
  for (const n of [10, 100, 300]) {
    const fake = new FakeExcel({ name: 'bench.xlsx', sheets: Array.from({ length: n }, (_, i) => returnSheet(`社区${i + 1}`, i)), active: '社区1', selection: null });
    const host = { run: (cb) => fake.run(cb), isSetSupported: (a, v) => fake.isSetSupported(a, v) };
    let adapter = createExcelAdapter(host);
    const measure = (what, fn) => measureOn(fake, n, what, fn);
    const marksOf = (book) => book.sheets.flatMap((s) => [{ sheet: s.name, cell: 'D5', severity: 'error', message: '示例错误' }, { sheet: s.name, cell: 'D9', severity: 'warning', message: '示例警告' }]);
    // 汇总 (one row per return) and 明细 (one row per return × indicator, 12 columns), as the pane writes them.
    const tablesOf = (book) => [
      {
        sheet: '汇总', tableName: 'CR_Summary',
        columns: [{ header: '社区' }, ...Array.from({ length: INDICATORS }, (_, i) => ({ header: `指标${i + 1}`, numFmt: '#,##0' }))],
        rows: book.sheets.map((s) => [s.name, ...Array.from({ length: INDICATORS }, (_, i) => i)]),
        kinds: book.sheets.map(() => 'return'),
      },
      {
        sheet: '明细', tableName: 'CR_Details',
        columns: ['社区', '街道', '报告期', '指标代码', '指标', '数值', '单位', '原值', '约数', '文件', '工作表', '单元格'].map((header) => ({ header })),
        rows: book.sheets.flatMap((s) => Array.from({ length: INDICATORS }, (_, i) => [s.name, '城关街道', '2026-10', `ind_${i + 1}`, `指标${i + 1}`, i, '次', String(i), null, 'bench.xlsx', s.name, `D${i + 5}`])),
        kinds: book.sheets.flatMap(() => Array.from({ length: INDICATORS }, () => 'return')),
      },
    ];

    const first = await measure('readAllSheets (new pane: names + by name)', () => adapter.readAllSheets());
    await measure('markFindings (2/sheet)', () => adapter.markFindings(marksOf(first)));
    await measure('readAllSheets (by name)', () => adapter.readAllSheets());
    await measure('clearMarks', () => adapter.clearMarks());
    await measure('writeOutputSheets', () => adapter.writeOutputSheets(tablesOf(first)));
    await measure('校验 = read + mark', async () => adapter.markFindings(marksOf(await adapter.readAllSheets())));
    await measure('汇总 = read + write', async () => adapter.writeOutputSheets(tablesOf(await adapter.readAllSheets())));
    // A task pane opened on a workbook that already holds marks and output sheets: it knows nothing yet.
    adapter = createExcelAdapter(host);
    await measure('校验 (new pane, outputs present)', async () => adapter.markFindings(marksOf(await adapter.readAllSheets())));
    adapter = createExcelAdapter(host);
    await measure('clearMarks (new pane)', () => adapter.clearMarks());
  }
  {
    // 4,000 marked cells: 40 sheets × 100 cells, each with a note.
    const sheets = Array.from({ length: 40 }, (_, i) => sheetFrom(`社区${i + 1}`, Array.from({ length: 100 }, (_, r) => [`指标${r}`, r])));
    const fake = new FakeExcel({ name: 'bench.xlsx', sheets, active: '社区1', selection: null });
    const adapter = createExcelAdapter({ run: (cb) => fake.run(cb), isSetSupported: (a, v) => fake.isSetSupported(a, v) });
    const marks = sheets.flatMap((s) => Array.from({ length: 100 }, (_, r) => ({ sheet: s.name, cell: `B${r + 1}`, severity: 'error', message: `第${r + 1}行的数值超出范围，请核对` })));
    await adapter.readAllSheets();
    await measureOn(fake, 40, 'markFindings (4,000 cells)', () => adapter.markFindings(marks));
    await measureOn(fake, 40, 'clearMarks (4,000 cells)', () => adapter.clearMarks());
  }
  {
    // One sheet of 3,000 rows × 20 columns of text (too big for one response).
    const text = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `第${r}行第${c}列：某某街道某某社区居民委员会填报说明`));
    const fake = new FakeExcel({ name: 'bench.xlsx', sheets: [sheetFrom('大表', text)], active: '大表', selection: null });
    const adapter = createExcelAdapter({ run: (cb) => fake.run(cb), isSetSupported: (a, v) => fake.isSetSupported(a, v) });
    await measureOn(fake, 1, 'readAllSheets (3,000 × 20 text)', () => adapter.readAllSheets());
    await measureOn(fake, 1, 'readAllSheets again (known big)', () => adapter.readAllSheets());
  }
  console.table(rows);
} finally {
  await server.close();
}
