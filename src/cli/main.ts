// Entry point of the `twin-chat` command (bundled to dist/cli.js).
import { runProcess } from './process';

void runProcess();
