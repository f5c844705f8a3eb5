/**
 * drover's own supervisorctl: the four calls drover makes (status, update, stop, replace) over
 * supervisord's XML-RPC, in a Python that loads nothing it does not need (`python3 -I -S`, a tenth of
 * supervisorctl's start-up: supervisorctl loads pkg_resources). It reads the control socket (or URL) and
 * credentials from supervisord's configuration, as supervisorctl does. Shipped as a store entry of its
 * own (`RenderedUnit.tools`): content-addressed, out of the units' hashes, kept by gc while a unit uses it.
 *
 * `CONFIG status NAME...` prints one line per name: 0 RUNNING, 4 FATAL, 5 STARTING, 3 otherwise.
 * `CONFIG update NAME...` is `supervisorctl update NAME...`: rereads, then adds, changes or drops them.
 * `CONFIG stop NAME...` stops and removes them (one that is gone is no failure).
 * `CONFIG replace OLD... -- NAME...` stops and removes OLD, then updates NAME.
 * It exits 1 on anything supervisord refuses (such as a section it cannot read), saying why.
 */
import { toolEntryName } from './tools.ts';
import type { RenderedTool } from './types.ts';

const SOURCE = `"""drover's supervisorctl, written by drover (do not edit): see renderers/supervisord-client.ts."""
import configparser, http.client, socket, sys, time, xmlrpc.client

BAD_NAME = 10  # supervisor.xmlrpc.Faults.BAD_NAME: no such group

def server(config):
    parser = configparser.RawConfigParser(strict=False)
    if not parser.read(config):
        sys.exit(f'cannot read {config}')
    def get(section, key):
        return parser.get(section, key, fallback=None)
    url = get('supervisorctl', 'serverurl') or 'unix://' + (get('unix_http_server', 'file') or '/tmp/supervisor.sock')
    user, password = get('supervisorctl', 'username'), get('supervisorctl', 'password')
    auth = f'{user}:{password}@' if user else ''
    if not url.startswith('unix://'):
        return xmlrpc.client.ServerProxy(url.replace('://', '://' + auth, 1)).supervisor
    path = url[len('unix://'):]
    class Connection(http.client.HTTPConnection):
        def connect(self):
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(60)
            self.sock.connect(path)
    class Transport(xmlrpc.client.Transport):
        def make_connection(self, host):
            return Connection('localhost')
    return xmlrpc.client.ServerProxy(f'http://{auth}localhost', transport=Transport()).supervisor

def stop_and_remove(s, names):
    """Stops the groups all at once (waiting on each would take a second of supervisord's loop apiece),
    waits until none runs, and removes them; a group that is gone or not running is no failure."""
    for name in names:
        try:
            s.stopProcessGroup(name, False)
        except xmlrpc.client.Fault:
            pass
    pending = set(names)
    while pending:
        pending &= {p['group'] for p in s.getAllProcessInfo() if p['statename'] in ('STARTING', 'RUNNING', 'STOPPING')}
        if pending:
            time.sleep(0.05)
    ok = True
    for name in names:
        try:
            s.removeProcessGroup(name)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode != BAD_NAME:
                print(f'{name}: {fault.faultString}', file=sys.stderr)
                ok = False
    return ok

def update(s, names):
    """supervisorctl update NAME...: rereads the configuration, then adds, changes or drops those groups."""
    added, changed, removed = s.reloadConfig()[0]
    wanted = set(names)
    ok = stop_and_remove(s, [n for n in removed + changed if n in wanted])
    for name in added + changed:
        if name in wanted:
            s.addProcessGroup(name)
    return ok

def main():
    config, op, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    try:
        s = server(config)
        if op == 'status':
            states = {p['name']: p['statename'] for p in s.getAllProcessInfo()}
            for name in names:
                state = states.get(name)
                print(0 if state == 'RUNNING' else 4 if state == 'FATAL' else 5 if state == 'STARTING' else 3)
            return 0
        if op == 'stop':
            return 0 if stop_and_remove(s, names) else 1
        old = []
        if op == 'replace':
            cut = names.index('--')
            old, names = names[:cut], names[cut + 1:]
        elif op != 'update':
            sys.exit(f'unknown operation {op}')
        ok = stop_and_remove(s, old)
        return 0 if update(s, names) and ok else 1
    except xmlrpc.client.Fault as fault:
        if op != 'status':
            print(fault.faultString, file=sys.stderr)
    except OSError as error:
        # Asked for a status, a supervisord that does not answer runs nothing: no line, no noise.
        if op != 'status':
            print(f'supervisord ({config}) does not answer: {error}', file=sys.stderr)
    return 1

sys.exit(main())
`;

/** The client as a store entry, and the command that runs it with a configuration and an operation. */
export const supervisordClient: RenderedTool = {
  name: 'supervisorctl',
  files: [{ path: 'supervisorctl.py', content: SOURCE, mode: 0o644 }],
};

/** Where the client lives under a target's state dir: its store entry, named after its content. */
export function supervisordClientPath(stateDir: string): string {
  return `${stateDir}/store/${toolEntryName(supervisordClient)}/supervisorctl.py`;
}
