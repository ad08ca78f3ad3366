import { Button, Progress } from '@mantine/core';

/** A large run's progress, with the way to stop it. */
export function RunProgress({ done, total, onCancel }: { done: number; total: number; onCancel(): void }) {
  const percent = total > 0 ? (done / total) * 100 : 0;
  return (
    <div className="panel whatif-progress" role="status" aria-label="Simulation progress">
      <p>
        Simulating calls: {done.toLocaleString('en')} of {total.toLocaleString('en')} done
      </p>
      <Progress value={percent} aria-hidden="true" />
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
