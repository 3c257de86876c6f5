// npm start: sideload the add-in where office-addin-debugging can (Windows and macOS desktop Excel),
// and everywhere else start the dev server and say plainly what to do instead. Never fails silently.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => resolve(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const manifest = resolve(root, 'manifest.xml');

function run(cmd, args) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  child.on('error', (e) => {
    console.error(`无法启动 ${cmd}：${e.message}\nCould not start ${cmd}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const canSideload = process.platform === 'win32' || process.platform === 'darwin';
const debugging = bin('office-addin-debugging');

if (canSideload && existsSync(debugging)) {
  console.log('正在启动开发服务器并把加载项旁加载到 Excel… / Starting the dev server and sideloading into Excel…');
  run(debugging, ['start', manifest, 'desktop', '--app', 'excel', '--dev-server', 'npm run dev', '--dev-server-port', '3000']);
} else {
  const why = canSideload
    ? '未安装 office-addin-debugging（请先运行 npm ci）。 / office-addin-debugging is not installed (run npm ci first).'
    : `本机是 ${process.platform}：桌面版 Excel 不能在这里运行，因此无法自动旁加载加载项。 / This is ${process.platform}: desktop Excel does not run here, so the add-in cannot be sideloaded automatically.`;
  console.log(`
${why}

现在只启动开发服务器 https://localhost:3000/taskpane.html （若下方提示证书不可用，则为 http）。请任选其一：
  1. 打开 Excel 网页版中的一个工作簿 → 插入 → 加载项（Office 加载项）→ 上传我的加载项 → 选择
     ${manifest}
     （浏览器须信任开发证书：npx office-addin-dev-certs install）
  2. 直接在浏览器中打开 https://localhost:3000/taskpane.html ，查看任务窗格页面（没有 Excel 时按钮不可用）。

Starting only the dev server at https://localhost:3000/taskpane.html (http if a warning below says the certificates are unavailable). Then either:
  1. open a workbook in Excel on the web → Insert → Add-ins (Office Add-ins) → Upload My Add-in → choose
     ${manifest}
     (the browser must trust the development certificate: npx office-addin-dev-certs install)
  2. open https://localhost:3000/taskpane.html in a browser to see the task pane page (its buttons need Excel).
`);
  run(bin('vite'), []);
}
