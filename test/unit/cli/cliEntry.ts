// The CLI's process wiring, bundled by the test build so tests can spawn it without dist/.
import { runProcess } from '../../../src/cli/process';

void runProcess();
