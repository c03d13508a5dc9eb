/**
 * The entry of one analysis thread (started by `AnalysisPool`, src/adapters/local/analysis-pool.ts):
 * analyses each batch it is sent and answers with the analyses, in order. A batch's contents arrive
 * as one transferred buffer and the end offset of each file, so nothing is copied on the way in.
 */
import { parentPort } from 'node:worker_threads';
import { analyseJobs, type FileAnalysis } from '../../discovery/analyse-file.js';
import type { AnalysisReply, AnalysisRequest } from '../../ports/file-analyser-port.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs only as a worker thread (see AnalysisPool)');

port.on('message', (request: AnalysisRequest) => {
  try {
    const bytes = new Uint8Array(request.buffer);
    let start = 0;
    const jobs = request.paths.map((path, i) => {
      const end = request.ends[i]!;
      const content = bytes.subarray(start, end);
      start = end;
      return { path, content };
    });
    port.postMessage({ id: request.id, results: analyseJobs(jobs) } satisfies AnalysisReply<FileAnalysis>);
  } catch (error) {
    port.postMessage({ id: request.id, error: String(error) } satisfies AnalysisReply<FileAnalysis>);
  }
});
