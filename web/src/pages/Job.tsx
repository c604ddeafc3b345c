import { useEffect, useState } from 'react';
import { Alert, Progress, Space, Typography } from 'antd';
import { API_PREFIX, type BundleFile, type Job } from '../../../src/api/contract.js';
import { api, messageOf } from '../api.js';
import { fmtBytes } from '../format.js';

/** Polls GET /api/jobs/:id until the job is done or failed. */
export function useJob(initial: Job | null): { job: Job | null; error: string | null } {
  const [job, setJob] = useState<Job | null>(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setJob(initial);
    setError(null);
    if (!initial) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (j: Job) => {
      if (stop || j.status === 'done' || j.status === 'failed') return;
      timer = setTimeout(async () => {
        try {
          const next = await api.get<Job>(`/jobs/${j.id}`);
          if (stop) return;
          setJob(next);
          void poll(next);
        } catch (e) {
          if (!stop) setError(messageOf(e));
        }
      }, 700);
    };
    void poll(initial);
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [initial]);
  return { job, error };
}

export function fileUrl(job: Job, f: BundleFile): string {
  const base = job.result?.downloadBase ?? `${API_PREFIX}/jobs/${job.id}/files`;
  return `${base.replace(/\/$/, '')}/${encodeURIComponent(f.name)}`;
}

export function JobProgress({ job, error }: { job: Job | null; error: string | null }) {
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!job) return null;
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';
  return (
    <div data-testid="job-progress" data-status={job.status}>
      <Progress percent={job.progress} status={status} />
      <div><Typography.Text type="secondary">{job.status === 'queued' ? '排队中' : job.stage}</Typography.Text></div>
      {job.status === 'failed' && <Alert type="error" showIcon title={job.error ?? '任务失败'} style={{ marginTop: 8 }} />}
      {job.status === 'done' && job.kind === 'render' && (
        <Space direction="vertical" style={{ marginTop: 8 }}>
          {(job.result?.files ?? []).map((f) => (
            <a key={f.name} href={fileUrl(job, f)} download={f.name} data-testid="download-link">
              下载 {f.name}（{fmtBytes(f.bytes)}）
            </a>
          ))}
        </Space>
      )}
    </div>
  );
}
