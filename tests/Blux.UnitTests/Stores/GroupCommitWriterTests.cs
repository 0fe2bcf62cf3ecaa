using System.Collections.Concurrent;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blux.UnitTests.Stores;

/// <summary>
/// The one group-commit writer every module's hot table is written through, driven by a batch whose
/// commits the test holds and releases: callers are answered only after their batch committed, a failed
/// batch fails them and the health, the queue is bounded, and a stop drains or, stalled, gives up in time.
/// </summary>
public sealed class GroupCommitWriterTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly GroupCommitRefusal Refusal = new("test_store", "stopping", "not durable");
    private readonly HeldBatches _batches = new();
    private GroupCommitWriter<int, int>? _writer;

    public async ValueTask DisposeAsync()
    {
        _batches.Release();
        if (_writer is not null)
        {
            await _writer.StopAsync();
        }
    }

    [Fact]
    public async Task What_queues_while_a_batch_is_written_goes_in_the_next_batch_within_the_limit()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10));
        _batches.Hold();
        var first = writer.WriteAsync(1);
        await _batches.EnteredAsync();
        var rest = Enumerable.Range(2, 25).Select(i => writer.WriteAsync(i)).ToList();
        _batches.Release();

        (await first.WaitAsync(Patience)).Should().Be(10);
        (await Task.WhenAll(rest).WaitAsync(Patience)).Should().Equal(Enumerable.Range(2, 25).Select(i => i * 10));
        _batches.Committed.Select(b => b.Length).Should().Equal(1, 10, 10, 5);
        _batches.Committed.SelectMany(b => b).Should().Equal(Enumerable.Range(1, 26));
    }

    [Fact]
    public async Task A_caller_is_answered_only_once_its_batch_has_committed()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10));
        _batches.Hold();
        var write = writer.WriteAsync(7);
        await _batches.EnteredAsync();

        write.IsCompleted.Should().BeFalse("the batch holding it has not committed");
        _batches.Committed.Should().BeEmpty();
        _batches.Release();
        (await write.WaitAsync(Patience)).Should().Be(70);
        _batches.Committed.Should().ContainSingle().Which.Should().Equal(7);
    }

    [Fact]
    public async Task A_batch_that_fails_fails_each_of_its_callers_and_the_health_until_one_is_written()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10));
        _batches.Hold();
        var first = writer.WriteAsync(1);
        await _batches.EnteredAsync();
        var failing = new[] { writer.WriteAsync(2), writer.WriteAsync(3) };
        _batches.FailWhen = items => items.Contains(2);
        _batches.Release();

        await first.WaitAsync(Patience);
        foreach (var write in failing)
        {
            var refusal = await write.Invoking(w => w.WaitAsync(Patience)).Should().ThrowAsync<BluxException>("callers hear the batch's failure, not silence");
            refusal.Which.Message.Should().Be("not durable");
            refusal.Which.StatusCode.Should().Be(503);
            refusal.Which.Details["component"].Should().Be("test_store");
        }

        writer.IsHealthy.Should().BeFalse();
        (await writer.WriteAsync(4).WaitAsync(Patience)).Should().Be(40);
        writer.IsHealthy.Should().BeTrue("a batch was written again");
        _batches.Committed.SelectMany(b => b).Should().Equal(1, 4);
    }

    [Fact]
    public async Task A_seal_that_fails_fails_its_callers_and_nothing_of_it_is_written()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10, SealAhead: true));
        _batches.SealFailsWhen = items => items.Contains(5);

        await writer.Invoking(w => w.WriteAsync(5).WaitAsync(Patience)).Should().ThrowAsync<BluxException>().WithMessage("not durable");
        writer.IsHealthy.Should().BeFalse();
        _batches.Committed.Should().BeEmpty();
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_before_its_item_is_taken_withdraws_it()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10));
        _batches.Hold();
        var first = writer.WriteAsync(1);
        await _batches.EnteredAsync();
        using var cancel = new CancellationTokenSource();
        var withdrawn = writer.WriteAsync(2, cancel.Token);
        await cancel.CancelAsync();

        var abandoned = await withdrawn.Invoking(w => w.WaitAsync(Patience)).Should().ThrowAsync<GroupCommitAbandonedException>();
        abandoned.Which.MayBeWritten.Should().BeFalse();
        _batches.Release();
        await first.WaitAsync(Patience);
        (await writer.WriteAsync(3).WaitAsync(Patience)).Should().Be(30);
        _batches.Committed.SelectMany(b => b).Should().Equal(1, 3);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_once_its_item_is_taken_leaves_it_to_the_disk_and_the_batch_hears_it_was_written()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10));
        _batches.Hold();
        using var cancel = new CancellationTokenSource();
        var taken = writer.WriteAsync(8, cancel.Token);
        await _batches.EnteredAsync();
        await cancel.CancelAsync();

        var abandoned = await taken.Invoking(w => w.WaitAsync(Patience)).Should().ThrowAsync<GroupCommitAbandonedException>();
        abandoned.Which.MayBeWritten.Should().BeTrue();
        _batches.Release();
        await writer.WriteAsync(9).WaitAsync(Patience);
        _batches.Abandoned.Should().Equal((8, 80));
    }

    [Fact]
    public async Task A_full_queue_makes_callers_wait_for_room_instead_of_growing()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 1, Capacity: 4));
        _batches.Hold();
        var first = writer.WriteAsync(1);
        await _batches.EnteredAsync();
        var queued = Enumerable.Range(2, 4).Select(i => writer.WriteAsync(i)).ToList();
        writer.Queued.Should().Be(4);

        using var cancel = new CancellationTokenSource();
        var overflowing = writer.WriteAsync(6, cancel.Token);
        writer.Queued.Should().Be(4, "the queue holds its capacity and no more");
        await cancel.CancelAsync();
        var refused = await overflowing.Invoking(w => w.WaitAsync(Patience)).Should().ThrowAsync<GroupCommitAbandonedException>();
        refused.Which.MayBeWritten.Should().BeFalse("it never got into the queue");

        var waiting = writer.WriteAsync(7);
        _batches.Release();
        await Task.WhenAll(queued.Append(first).Append(waiting)).WaitAsync(Patience);
        _batches.Committed.SelectMany(b => b).Should().Equal(1, 2, 3, 4, 5, 7);
    }

    [Fact]
    public async Task With_seal_ahead_the_next_batch_is_sealed_while_the_last_is_written_and_commits_keep_their_order()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 10, SealAhead: true));
        _batches.Hold();
        var first = writer.WriteAsync(1);
        await _batches.EnteredAsync();
        var second = writer.WriteAsync(2);
        await _batches.SealedAsync(2);

        _batches.Committed.Should().BeEmpty("batch one is still being written while batch two was sealed");
        _batches.Release();
        await Task.WhenAll(first, second).WaitAsync(Patience);
        _batches.Committed.SelectMany(b => b).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Many_producers_have_every_item_written_once_and_answered_with_its_own_result()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 64, Capacity: 128, SealAhead: true));
        var producers = Enumerable.Range(0, 32).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                var item = (p * 1000) + i;
                (await writer.WriteAsync(item)).Should().Be(item * 10);
            }
        }));

        await Task.WhenAll(producers).WaitAsync(Patience);
        var written = _batches.Committed.SelectMany(b => b).ToList();
        written.Should().HaveCount(32 * 200).And.OnlyHaveUniqueItems();
        _batches.Committed.Should().AllSatisfy(b => b.Length.Should().BeLessThanOrEqualTo(64));
    }

    [Fact]
    public async Task A_stop_writes_everything_accepted_then_the_closing_batch_and_refuses_what_comes_after()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 16));
        _batches.Hold();
        var accepted = Enumerable.Range(1, 100).Select(i => writer.WriteAsync(i)).ToList();
        await _batches.EnteredAsync();
        var stop = writer.StopAsync();
        _batches.Release();

        await stop.WaitAsync(Patience);
        accepted.Should().AllSatisfy(w => w.IsCompletedSuccessfully.Should().BeTrue());
        _batches.Committed.SelectMany(b => b).Should().Equal(Enumerable.Range(1, 100));
        _batches.Sealed.Last().Should().BeEmpty("the closing batch comes after the drain");
        _batches.ClosedAfterDrain.Should().BeTrue();
        await writer.Invoking(w => w.WriteAsync(101)).Should().ThrowAsync<BluxException>().WithMessage("stopping");
    }

    [Fact]
    public async Task A_stop_behind_a_stalled_batch_returns_at_the_drain_timeout_and_refuses_what_was_queued()
    {
        var writer = Start(new GroupCommitLimits(MaxBatch: 1), drainTimeout: TimeSpan.FromMilliseconds(200));
        _batches.Hold();
        var stalled = writer.WriteAsync(1);
        await _batches.EnteredAsync();
        var queued = writer.WriteAsync(2);

        await writer.StopAsync().WaitAsync(Patience);
        await queued.Invoking(w => w.WaitAsync(Patience)).Should().ThrowAsync<BluxException>("it was never written").WithMessage("stopping");
        stalled.IsCompleted.Should().BeFalse("its batch is still with the disk");
        _batches.ClosedAfterDrain.Should().BeFalse("the connection is still in use");

        _batches.Release();
        (await stalled.WaitAsync(Patience)).Should().Be(10, "the batch in flight still answers once the disk does");
        _batches.Committed.SelectMany(b => b).Should().Equal(1);
    }

    [Fact]
    public async Task Items_queued_before_a_writer_that_never_started_is_stopped_are_refused()
    {
        var writer = new GroupCommitWriter<int, int>(_batches, new GroupCommitLimits(MaxBatch: 4), Refusal, TimeSpan.FromSeconds(5), "test writer", NullLogger.Instance);
        var queued = writer.WriteAsync(1);

        await writer.StopAsync().WaitAsync(Patience);
        await queued.Invoking(w => w.WaitAsync(Patience)).Should().ThrowAsync<BluxException>().WithMessage("stopping");
        _batches.Committed.Should().BeEmpty();
    }

    private GroupCommitWriter<int, int> Start(GroupCommitLimits limits, TimeSpan? drainTimeout = null)
    {
        _writer = new GroupCommitWriter<int, int>(_batches, limits, Refusal, drainTimeout ?? TimeSpan.FromSeconds(10), "test writer", NullLogger.Instance);
        _writer.Start();
        return _writer;
    }

    /// <summary>Batches whose commits the test holds at a gate; each result is ten times its item.</summary>
    private sealed class HeldBatches : IGroupCommitBatch<int, int>
    {
        private readonly SemaphoreSlim _entered = new(0);
        private readonly SemaphoreSlim _sealed = new(0);
        private TaskCompletionSource _gate = Open();

        public ConcurrentQueue<int[]> Committed { get; } = new();

        public ConcurrentQueue<int[]> Sealed { get; } = new();

        public ConcurrentQueue<(int Item, int Result)> Abandoned { get; } = new();

        public Func<IReadOnlyList<int>, bool> FailWhen { get; set; } = _ => false;

        public Func<IReadOnlyList<int>, bool> SealFailsWhen { get; set; } = _ => false;

        public bool ClosedAfterDrain { get; private set; }

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task EnteredAsync() => (await _entered.WaitAsync(Patience)).Should().BeTrue("a commit started");

        public async Task SealedAsync(int item)
        {
            while (!Sealed.Any(b => b.Contains(item)))
            {
                (await _sealed.WaitAsync(Patience)).Should().BeTrue($"a batch holding {item} was sealed");
            }
        }

        public ValueTask<GroupCommit<int>?> SealAsync(IReadOnlyList<int> items, bool closing, CancellationToken cancellationToken)
        {
            var batch = items.ToArray();
            Sealed.Enqueue(batch);
            _sealed.Release();
            if (SealFailsWhen(batch))
            {
                throw new InvalidOperationException("the seal failed");
            }

            return new(batch.Length == 0 ? null : () => CommitAsync(batch));
        }

        void IGroupCommitBatch<int, int>.Abandoned(int item, int result) => Abandoned.Enqueue((item, result));

        public ValueTask CloseAsync()
        {
            ClosedAfterDrain = true;
            return ValueTask.CompletedTask;
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        private async ValueTask<IReadOnlyList<int>> CommitAsync(int[] batch)
        {
            _entered.Release();
            await _gate.Task;
            if (FailWhen(batch))
            {
                throw new IOException("the disk refused the batch");
            }

            Committed.Enqueue(batch);
            return batch.Select(i => i * 10).ToList();
        }
    }
}
