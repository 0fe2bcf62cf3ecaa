using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// The bytes all webhook deliveries in flight may hold for their answers together
/// (<c>AnswerBudgetBytes</c>), so that many large answers at once cannot exhaust the host's memory. A
/// delivery reserves the largest answer it may keep before it is sent, gives back what the answer's
/// declared or actual size leaves over, and returns the rest when it ends. Reservations are granted in
/// the order they were asked, so a large one is not passed over forever by small ones.
/// </summary>
internal sealed class WebhookAnswerBudget(IOptions<WebhookOptions> options, TimeProvider clock)
{
    private readonly OrderedBudget _budget = new(options.Value.AnswerBudgetBytes);

    public long Capacity => _budget.Capacity;

    public long Reserved => _budget.Reserved;

    public int Waiting => _budget.Waiting;

    /// <summary>
    /// Holds <paramref name="bytes"/> of the budget, waiting up to <c>AnswerBudgetWaitSeconds</c> for
    /// room; null when there was none by then. Throws when <paramref name="cancellationToken"/> ends the wait.
    /// </summary>
    public async Task<Lease?> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.AnswerBudgetWait, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _budget.TakeAsync(bytes, linked.Token);
            return new Lease(_budget, bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Bytes held by one delivery (used by that delivery alone); disposing returns them.</summary>
    internal sealed class Lease(OrderedBudget owner, long bytes) : IDisposable
    {
        public long Held { get; private set; } = bytes;

        /// <summary>Keeps only <paramref name="bytes"/> when that is less than what is held, and returns the rest.</summary>
        public void ShrinkTo(long bytes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bytes);
            if (bytes < Held)
            {
                owner.Release(Held - bytes);
                Held = bytes;
            }
        }

        public void Dispose()
        {
            owner.Release(Held);
            Held = 0;
        }
    }
}
