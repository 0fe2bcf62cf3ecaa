namespace Blux.Modules.Reg.Keys;

/// <summary>
/// One key change at a time (rotation, revocation, settling), so "is a key already pending?" and
/// "which key signs now?" still hold when the change is written.
/// </summary>
internal sealed class KeyMutationGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
