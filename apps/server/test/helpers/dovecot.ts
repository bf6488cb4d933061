// A real IMAP server for tests: Debian's Dovecot, started with a throwaway configuration in its own
// temporary directory (config, sockets, state, log, maildirs) on a free loopback port. One per test
// file; `stop()` kills it and removes the directory. Dovecot is installed with apt-get when it is
// missing and the tests run as root (as in CI); otherwise the harness says how to install it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { freePort } from './processes.ts';

const run = promisify(execFile);

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotServer {
  host: '127.0.0.1';
  port: number;
  /** Implicit-TLS port with a self-signed certificate, when started with `{ tls: true }`. */
  tlsPort: number | null;
  users: DovecotUser[];
  /** Adds a login, usable at once. */
  addUser(user: string, password: string): Promise<void>;
  /** APPENDs a message through a real IMAP client, creating the folder if needed; returns its UID. */
  append(user: string, folder: string, raw: Buffer): Promise<number>;
  createFolder(user: string, folder: string): Promise<void>;
  /** UIDVALIDITY of a folder, as a decimal string. */
  uidValidity(user: string, folder: string): Promise<string>;
  /**
   * Simulates a server that renumbered a folder (restore from backup, migration): the messages stay,
   * Dovecot assigns a new UIDVALIDITY and UIDs from 1 again. Returns the new UIDVALIDITY.
   */
  renumberFolder(user: string, folder: string): Promise<string>;
  /** Dovecot's own log, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

const DEFAULT_USERS: DovecotUser[] = [{ user: 'support', password: 'support-secret' }];
const INSTALL_LOCK = path.join(os.tmpdir(), 'switchboard-dovecot-install.lock');

/** Dovecot's binary lives in /usr/sbin, which a non-root PATH often lacks. */
function findDovecot(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin']) {
    if (!dir) continue;
    const candidate = path.join(dir, 'dovecot');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

async function withInstallLock<T>(work: () => Promise<T>): Promise<T> {
  // Two test workers may both find Dovecot missing: one installs, the other waits (mkdir is atomic).
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(INSTALL_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = fs.statSync(INSTALL_LOCK, { throwIfNoEntry: false });
      // A lock left by a killed run is stale after the longest an install could take.
      if (lock && Date.now() - lock.mtimeMs > 10 * 60_000) fs.rmSync(INSTALL_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${INSTALL_LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
}

async function ensureDovecotInstalled(): Promise<string> {
  const found = findDovecot();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'Dovecot is not installed and the tests are not running as root, so the harness cannot install it. ' +
        'Install it once with: sudo apt-get install -y dovecot-imapd',
    );
  }
  return withInstallLock(async () => {
    const again = findDovecot();
    if (again) return again;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => run('apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], { env, maxBuffer: 16 << 20 });
    try {
      await install();
    } catch {
      // A fresh machine has no package lists yet.
      await run('apt-get', ['update', '-qq'], { env, maxBuffer: 16 << 20 });
      await install();
    }
    const installed = findDovecot();
    if (!installed) throw new Error('apt-get install dovecot-imapd finished but no dovecot binary was found');
    return installed;
  });
}

/** uid/gid that mail processes run as: Dovecot refuses root for mail, so root uses `nobody`. */
function mailAccount(): { uid: number; gid: number; loginUser: string } {
  const uid = process.getuid!();
  if (uid !== 0) {
    // Rootless Dovecot: every process runs as the current user.
    return { uid, gid: process.getgid!(), loginUser: os.userInfo().username };
  }
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  const fields = line?.split(':');
  const [mailUid, mailGid] = fields ? [Number(fields[2]), Number(fields[3])] : [65534, 65534];
  return { uid: mailUid, gid: mailGid, loginUser: 'dovenull' };
}

function groupName(gid: number): string {
  const entry = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((line) => line.split(':')[2] === String(gid));
  return entry?.split(':')[0] ?? String(gid);
}

interface ConfigInput {
  dir: string;
  port: number;
  account: ReturnType<typeof mailAccount>;
  rootless: boolean;
  /** Dovecot 2.4 renamed most settings; Debian 12 ships 2.3, Debian 13 ships 2.4. */
  v24: boolean;
  tlsPort: number | null;
}

function configText({ dir, port, account, rootless, v24, tlsPort }: ConfigInput): string {
  const rootlessSettings = rootless
    ? [`default_login_user = ${account.loginUser}`, `default_internal_user = ${account.loginUser}`, `default_internal_group = ${groupName(account.gid)}`]
    : [];
  // Only root may chroot: a rootless Dovecot runs its login and anvil processes unjailed.
  const chroot = rootless ? ['  chroot ='] : [];
  const common = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `instance_name = switchboard-test-${port}`,
    `log_path = ${dir}/dovecot.log`,
    `info_log_path = ${dir}/dovecot.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    // With a certificate the plain port also offers STARTTLS.
    `ssl = ${tlsPort ? 'yes' : 'no'}`,
    ...(tlsPort && v24 ? [`ssl_server_cert_file = ${dir}/cert.pem`, `ssl_server_key_file = ${dir}/key.pem`] : []),
    ...(tlsPort && !v24 ? [`ssl_cert = <${dir}/cert.pem`, `ssl_key = <${dir}/key.pem`] : []),
    'auth_mechanisms = plain login',
    // Wrong-password tests need not wait the default 2 s.
    'auth_failure_delay = 0',
    // Mail runs as `nobody` (root) or the current user (rootless): allow any non-root uid.
    'first_valid_uid = 1',
    'mail_fsync = always',
    ...rootlessSettings,
    'service imap-login {',
    ...chroot,
    `  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }`,
    `  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${tlsPort ?? 0}\n  }`,
    '}',
    ...(rootless ? ['service anvil {', ...chroot, '}'] : []),
  ];
  // One passwd-file per user (see writeUser); maildir++ layout (folders are .Name directories).
  const auth24 = [
    'auth_allow_cleartext = yes',
    'mail_driver = maildir',
    `mail_home = ${dir}/mail/%{user}`,
    `mail_path = ${dir}/mail/%{user}`,
    'mailbox_list_layout = maildir++',
    `passdb passwd-file {\n  passwd_file_path = ${dir}/users/%{user}\n}`,
    `userdb static {\n  fields {\n    uid = ${account.uid}\n    gid = ${account.gid}\n    home = ${dir}/mail/%{user}\n  }\n}`,
  ];
  const auth23 = [
    'disable_plaintext_auth = no',
    `mail_location = maildir:${dir}/mail/%u`,
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/users/%u\n}`,
    `userdb {\n  driver = static\n  args = uid=${account.uid} gid=${account.gid} home=${dir}/mail/%u\n}`,
    // No growing per-IP delay after the wrong-password tests (Dovecot's brute-force penalty).
    'service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}',
  ];
  const header = v24 ? ['dovecot_config_version = 2.4.0', 'dovecot_storage_version = 2.4.0'] : [];
  return [...header, ...common, ...(v24 ? auth24 : auth23), ''].join('\n');
}

function waitForGreeting(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`dovecot exited with ${child.exitCode}:\n${readLog(logFile)}`));
        return;
      }
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (chunk) => {
        socket.destroy();
        if (chunk.toString().startsWith('* OK')) resolve();
        else reject(new Error(`unexpected greeting: ${chunk.toString()}`));
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`dovecot did not listen on ${port}:\n${readLog(logFile)}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function readLog(logFile: string): string {
  try {
    return fs.readFileSync(logFile, 'utf8');
  } catch {
    return '(no log)';
  }
}

/** A self-signed certificate for localhost, valid for a day. */
async function writeCertificate(dir: string): Promise<void> {
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ]);
}

export async function startDovecot(options: { users?: DovecotUser[]; tls?: boolean } = {}): Promise<DovecotServer> {
  const binary = await ensureDovecotInstalled();
  // "2.3.19.1 (9b53102964)"; the 2.4 configuration is written from its documentation, untested here.
  const version = (await run(binary, ['--version'])).stdout.trim();
  const v24 = !/^2\.[0-3]\./.test(version);
  const rootless = process.getuid!() !== 0;
  const account = mailAccount();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-dovecot-'));
  // Login and mail processes run as other users: they must be able to reach the directory.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  fs.chownSync(path.join(dir, 'mail'), account.uid, account.gid);
  const users: DovecotUser[] = [];
  // One passwd-file per user: a file Dovecot has never read is always read fresh, whereas a shared
  // file rewritten within the same second may be served from its stale copy.
  const writeUser = (entry: DovecotUser) => {
    if (!/^[\w.@-]+$/.test(entry.user)) throw new Error(`unsupported test user name ${entry.user}`);
    fs.writeFileSync(path.join(dir, 'users', entry.user), `${entry.user}:{PLAIN}${entry.password}\n`, { mode: 0o644 });
    users.push(entry);
  };
  fs.mkdirSync(path.join(dir, 'users'), { mode: 0o755 });
  for (const entry of options.users ?? DEFAULT_USERS) writeUser(entry);

  if (options.tls) await writeCertificate(dir);

  const logFile = path.join(dir, 'dovecot.log');
  const configFile = path.join(dir, 'dovecot.conf');
  let child: ChildProcess | null = null;
  let port = 0;
  let tlsPort: number | null = null;
  let lastError: unknown;
  // freePort() can race with another process taking the port before Dovecot binds it: retry.
  for (let attempt = 0; attempt < 3 && !child; attempt += 1) {
    port = await freePort();
    tlsPort = options.tls ? await freePort() : null;
    fs.writeFileSync(configFile, configText({ dir, port, account, rootless, v24, tlsPort }));
    const started = spawn(binary, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    started.stdout!.on('data', (chunk) => (output += chunk));
    started.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await waitForGreeting(port, started, logFile);
      child = started;
    } catch (error) {
      lastError = new Error(`${(error as Error).message}\n${output}`);
      started.kill('SIGKILL');
      if (!/Address already in use/.test(`${(error as Error).message}${output}`)) break;
    }
  }
  if (!child) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw lastError;
  }
  const running = child;
  // A crashed test worker must not leave Dovecot behind.
  const killOnExit = () => running.kill('SIGKILL');
  process.once('exit', killOnExit);

  const passwordOf = (user: string) => {
    const found = users.find((entry) => entry.user === user);
    if (!found) throw new Error(`unknown test user ${user}`);
    return found.password;
  };
  const withClient = async <T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: passwordOf(user) },
      logger: false,
      disableAutoIdle: true,
      // The harness itself stays on plain IMAP even when the server offers STARTTLS.
      doSTARTTLS: false,
    });
    client.on('error', () => {});
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  const ensureFolder = async (client: ImapFlow, folder: string) => {
    if (folder.toUpperCase() !== 'INBOX') await client.mailboxCreate(folder);
  };
  const folderDir = (user: string, folder: string) =>
    path.join(dir, 'mail', user, folder.toUpperCase() === 'INBOX' ? '' : `.${folder}`);

  const server: DovecotServer = {
    host: '127.0.0.1',
    port,
    tlsPort,
    users,
    async addUser(user, password) {
      writeUser({ user, password });
    },
    async append(user, folder, raw) {
      return withClient(user, async (client) => {
        await ensureFolder(client, folder);
        const result = await client.append(folder, raw);
        if (!result || !result.uid) throw new Error('APPEND returned no UID (UIDPLUS expected from Dovecot)');
        return result.uid;
      });
    },
    async createFolder(user, folder) {
      await withClient(user, (client) => ensureFolder(client, folder));
    },
    async uidValidity(user, folder) {
      return withClient(user, async (client) => {
        const status = await client.status(folder, { uidValidity: true });
        if (!status || status.uidValidity === undefined) throw new Error(`no UIDVALIDITY for ${folder}`);
        return status.uidValidity.toString();
      });
    },
    async renumberFolder(user, folder) {
      const before = await server.uidValidity(user, folder);
      // With no session open on it, dropping the UID list and indexes makes Dovecot rebuild them
      // under a new UIDVALIDITY (it keeps a per-user counter so the value always changes).
      const folderPath = folderDir(user, folder);
      for (const name of fs.readdirSync(folderPath)) {
        if (name === 'dovecot-uidlist' || name.startsWith('dovecot.index')) fs.rmSync(path.join(folderPath, name), { force: true });
      }
      const after = await server.uidValidity(user, folder);
      if (after === before) throw new Error(`UIDVALIDITY of ${folder} did not change (${after})`);
      return after;
    },
    log: () => readLog(logFile),
    async stop() {
      process.off('exit', killOnExit);
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
